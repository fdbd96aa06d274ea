import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { bearer, startTestApi, type TestApi } from '../helpers/local-api';

const run = promisify(execFile);
const ROOT = join(__dirname, '../..');

/** The README's SDK example: the first js block under its heading, as a reader would paste it. */
function example(): string {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const block = /```js\n([\s\S]*?)```/.exec(readme.slice(readme.indexOf('## The TypeScript SDK')))?.[1];
  if (!block?.includes("from '@agent-memory/sdk'")) throw new Error('README has no SDK example importing @agent-memory/sdk');
  return block;
}

describe('the README SDK example', () => {
  let api: TestApi;
  beforeAll(async () => {
    // `npm test` builds the SDK first; a lone jest run builds it here.
    if (!existsSync(join(ROOT, 'sdk/dist/index.js'))) await run('npm', ['run', 'build'], { cwd: ROOT });
    api = await startTestApi();
  });
  afterAll(async () => api.stop());

  it('runs as written twice with plain Node from the project root, importing the built package', async () => {
    // Prepare: plain Node, an ES module read from standard input, resolved from the project root.
    const node = () =>
      new Promise<string>((resolve, reject) => {
        const child = execFile(
          process.execPath,
          ['--input-type=module'],
          { cwd: ROOT, env: { ...process.env, MEMORY_API_URL: api.url } },
          (error, stdout, stderr) => (error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(stdout)),
        );
        child.stdin?.end(example());
      });

    // Act
    const first = await node();
    api.clock.advance(60_000);
    const second = await node();

    // Assess
    for (const stdout of [first, second]) {
      expect(stdout).toMatch(/^best match: The user prefers green tea (0\.\d+|1)$/m);
      expect(stdout).toMatch(/^mem_[0-9A-Z]{26} The user prefers green tea$/m);
      expect(stdout).toMatch(/^rate limit: \{"limit":60,"remaining":\d+,"reset":\d+,"creditsLimit":1000,"creditsRemaining":\d+\}$/m);
      expect(stdout).toMatch(/^refused: 404 NOT_FOUND No memory with this id [0-9a-f-]{36}$/m);
    }
    const login = await api.call('POST', '/v1/auth/login', { body: { email: 'grace@example.com', password: 'correct horse battery' } });
    const active = await api.call('GET', '/v1/api-keys?status=active', { headers: bearer(login.json.access_token) });
    expect(active.json.data).toEqual([]);
  });
});
