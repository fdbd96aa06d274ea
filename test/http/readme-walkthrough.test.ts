import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { bearer, startTestApi, type TestApi } from '../helpers/local-api';

const run = promisify(execFile);

/** The README's curl walk-through: the first bash block under its heading, pointed at this test's gateway. */
function walkthrough(apiUrl: string): string {
  const readme = readFileSync(join(__dirname, '../../README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## A curl walk-through'));
  const block = /```bash\n([\s\S]*?)```/.exec(section)?.[1];
  if (!block?.includes('API=http://localhost:3000')) throw new Error('README has no curl walk-through pointed at http://localhost:3000');
  return block.replace('API=http://localhost:3000', `API=${apiUrl}`);
}

describe('the README curl walk-through', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(async () => api.stop());

  it('runs as written twice in a row, prints one JSON answer per line, and leaves no active key behind', async () => {
    // Prepare
    const script = walkthrough(api.url);

    // Act: -e and pipefail make any failed jq pick (a null token or key) fail the run.
    const first = await run('bash', ['-eo', 'pipefail', '-c', script]);
    // A minute later, as a reader trying it again would (the free tier's edge burst is 20 requests).
    api.clock.advance(60_000);
    const second = await run('bash', ['-eo', 'pipefail', '-c', script]);
    api.clock.advance(60_000);

    // Assess
    for (const { stdout } of [first, second]) {
      expect(stdout).toMatch(/^signed in: eyJ/m);
      const jsonLines = stdout.split('\n').filter((line) => line.startsWith('{'));
      expect(jsonLines.length).toBeGreaterThanOrEqual(9);
      for (const line of jsonLines) expect(() => JSON.parse(line) as unknown).not.toThrow();
      expect(stdout).toMatch(/"key":"mem_live_[0-9A-Za-z]{38}"/);
      expect(stdout).toContain('"status":"revoked"');
      expect(stdout).toMatch(/^x-ratelimit-remaining: \d+/im);
    }
    const login = await api.call('POST', '/v1/auth/login', { body: { email: 'ada@example.com', password: 'correct horse battery' } });
    const active = await api.call('GET', '/v1/api-keys?status=active', { headers: bearer(login.json.access_token) });
    expect(active.json.data).toEqual([]);
  });
});
