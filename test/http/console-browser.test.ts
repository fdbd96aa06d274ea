import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdirSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CONSOLE_CONTENT_SECURITY_POLICY } from '../../lambda/shared/console-headers';
import { bearer, startTestApi, uniqueEmail, type TestApi } from '../helpers/local-api';
import { chromiumLaunchOptions } from '../helpers/chromium';
import { roomyFreeTier } from './support';

const SCREENSHOTS = 'test-results/console';
const WIDTHS = [1280, 390] as const;
const HOUR_MS = 3_600_000;
/** Runs in the page, where `sessionStorage` exists (the test's own types know Node only). */
const storedToken = () =>
  (globalThis as unknown as { sessionStorage: { getItem(key: string): string | null } }).sessionStorage.getItem('agent-memory.token');

/**
 * The console in headless Chromium against the local gateway: one newcomer's session, step by step
 * (the steps share the page, so they run in order). Each page is photographed at both widths.
 */
describe('the web console in a browser', () => {
  let api: TestApi;
  let browser: Browser;
  let page: Page;
  const problems: string[] = [];
  let plaintext = '';

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    [api, browser] = await Promise.all([
      startTestApi(roomyFreeTier()),
      chromiumLaunchOptions().then((options) => chromium.launch(options)),
    ]);
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.setDefaultTimeout(10_000);
    // A CSP violation or a script error shows up as a console error or a page error.
    page.on('console', (message) => message.type() === 'error' && problems.push(message.text()));
    page.on('pageerror', (error) => problems.push(error.message));
  });
  afterAll(async () => {
    await browser?.close();
    await api?.stop();
  });

  async function screenshots(name: string): Promise<void> {
    for (const width of WIDTHS) {
      await page.setViewportSize({ width, height: 900 });
      await page.screenshot({ path: `${SCREENSHOTS}/${name}-${width}.png`, fullPage: true });
    }
    await page.setViewportSize({ width: 1280, height: 900 });
  }
  const open = (name: string) => page.getByRole('link', { name, exact: true }).click();

  it('serves the console with its security headers', async () => {
    const response = await page.goto(`${api.url}/console/`);
    const headers = response?.headers() ?? {};
    expect(response?.status()).toBe(200);
    expect(headers['content-security-policy']).toBe(CONSOLE_CONTENT_SECURITY_POLICY);
    expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(headers['content-security-policy']).not.toContain('unsafe-inline');
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['referrer-policy']).toBe('no-referrer');
    await expect(page.getByRole('heading', { name: 'Sign in to Agent Memory' }).isVisible()).resolves.toBe(true);
    await screenshots('sign-in');
  });

  it('redirects /console to /console/ with the same security headers', async () => {
    const response = await fetch(`${api.url}/console`, { redirect: 'manual' });
    expect(response.status).toBe(301);
    expect(response.headers.get('location')).toBe('/console/');
    expect(response.headers.get('content-security-policy')).toBe(CONSOLE_CONTENT_SECURITY_POLICY);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('signs a newcomer up and keeps the token out of the URL', async () => {
    await page.getByRole('button', { name: 'Create an account' }).click();
    await page.getByLabel('Full name').fill('Ada Lovelace');
    await page.getByLabel('Email').fill(uniqueEmail());
    await page.getByLabel('Password').fill('correct horse battery');
    await page.getByRole('button', { name: 'Sign up' }).click();
    await page.getByText('No keys yet').waitFor();
    expect(page.url()).toBe(`${api.url}/console/`);
    expect(await page.evaluate(storedToken)).toMatch(/^ey/);
    await expect(page.getByRole('group', { name: 'Environment' }).isVisible()).resolves.toBe(true);
  });

  it('creates a key and shows its plaintext exactly once', async () => {
    await page.getByRole('button', { name: 'Create key' }).click();
    await page.getByLabel('Name').fill('Browser agent');
    await page.getByRole('dialog').getByRole('button', { name: 'Create key' }).click();
    plaintext = (await page.getByTestId('plaintext-key').textContent()) ?? '';
    expect(plaintext).toMatch(/^mem_live_/);
    await expect(page.getByText('This is the only time the key is shown').isVisible()).resolves.toBe(true);
    await page.getByRole('button', { name: 'I have stored it' }).click();
    await page.locator('tr[data-key-id]', { hasText: 'Browser agent' }).waitFor();
    expect(await page.content()).not.toContain(plaintext);
    await page.reload();
    await page.locator('tr[data-key-id]', { hasText: 'Browser agent' }).waitFor();
    expect(await page.content()).not.toContain(plaintext);
    await screenshots('keys');
  });

  it('shows the usage chart move after the key calls the API', async () => {
    for (const content of ['The user prefers green tea', 'The user walks the dog at seven']) {
      const stored = await api.call('POST', '/v1/memories', {
        headers: bearer(plaintext),
        body: { content, metadata: { source: 'browser' } },
      });
      expect(stored.status).toBe(201);
    }
    await open('Usage');
    await page.getByTestId('usage-total').filter({ hasText: '2 requests' }).waitFor();
    await expect(page.locator('canvas[role="img"]').count()).resolves.toBe(1);
    await screenshots('usage');
  });

  it('rotates a key with a grace period and shows the new key once, then revokes it after confirmation', async () => {
    await open('API keys');
    await page.getByRole('button', { name: 'Rotate Browser agent' }).click();
    await page.getByLabel('Keep the old key working for').selectOption('3600');
    await page.getByRole('button', { name: 'Rotate key' }).click();
    const rotated = (await page.getByTestId('plaintext-key').textContent()) ?? '';
    expect(rotated).toMatch(/^mem_live_/);
    expect(rotated).not.toBe(plaintext);
    await page.getByRole('button', { name: 'I have stored it' }).click();

    const newRow = page.locator('tr', { hasText: rotated.slice(0, 12) });
    await newRow.getByRole('button', { name: /^Revoke/ }).click();
    await page.getByRole('button', { name: 'Revoke key' }).click();
    await newRow.getByText('revoked').waitFor();
    expect((await api.call('GET', '/v1/memories', { headers: bearer(rotated) })).status).toBe(401);
  });

  it('searches memories and shows scores', async () => {
    await open('Memories');
    await page.getByRole('cell', { name: 'The user prefers green tea' }).waitFor();
    await page.getByLabel('Search', { exact: true }).fill('green tea');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    const results = page.getByRole('table', { name: 'Search results' });
    await results.getByText('The user prefers green tea').waitFor();
    expect(await results.locator('tbody tr').count()).toBe(1);
    expect(Number(await results.locator('tbody tr td').first().textContent())).toBeGreaterThan(0);
    await screenshots('memories');
  });

  it('lists what was done in the activity trail', async () => {
    await open('Activity');
    const table = page.getByRole('table', { name: 'Audit events' });
    await table.getByText('Key revoked').waitFor();
    const events = await table.locator('tbody tr td:nth-child(2)').allTextContents();
    expect(events).toEqual(['Key revoked', 'Key rotated', 'Key created']);
    await screenshots('activity');
  });

  it('sends the user back to sign in when the token has expired', async () => {
    api.clock.advance(2 * HOUR_MS);
    try {
      await open('API keys');
      await page.getByText('Your session has expired').waitFor();
      expect(await page.evaluate(storedToken)).toBeNull();
    } finally {
      api.clock.advance(-2 * HOUR_MS);
    }
  });

  it('ran without a script error or a content security policy violation', () => {
    expect(problems.filter((text) => !/401 \(Unauthorized\)/.test(text))).toEqual([]);
  });
});
