import { describe, expect, it } from '@jest/globals';
import { chromium } from 'playwright-core';
import { packagedChromiumOptions } from '../helpers/chromium';

describe('the browser tests need no system Chromium', () => {
  it('starts the Chromium that an npm package ships, and renders a page with it', async () => {
    // Prepare
    const browser = await chromium.launch(await packagedChromiumOptions());

    // Act
    const page = await browser.newPage();
    await page.setContent('<main><h1>Agent memory</h1></main>');
    const heading = await page.textContent('h1');
    await browser.close();

    // Assess
    expect(heading).toBe('Agent memory');
  });
});
