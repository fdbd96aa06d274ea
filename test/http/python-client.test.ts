import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { bearer, startTestApi, type TestApi } from '../helpers/local-api';
import { roomyFreeTier } from './support';

const CLIENT = join(__dirname, '../../clients/python');
const TESTS = join(CLIENT, 'tests');

interface Outcome {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** python3 as a user's shell starts it, with no bytecode written into the repository. */
function python(args: string[], cwd: string, extra: Record<string, string> = {}): Promise<Outcome> {
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^(npm_|MEMORY_API_|PYTHON)/i.test(name)));
  return new Promise((resolve) => {
    execFile(
      'python3',
      args,
      { cwd, env: { ...env, PYTHONDONTWRITEBYTECODE: '1', PIP_DISABLE_PIP_VERSION_CHECK: '1', ...extra } },
      // A python3 that is not there (ENOENT) has no stderr of its own: the error's message stands in.
      (error, stdout, stderr) =>
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr: stderr || (error?.message ?? '') }),
    );
  });
}

/** The tests the files define, so a test that silently stops being collected fails this one. */
function definedTests(): number {
  return readdirSync(TESTS)
    .filter((name) => /^test_.*\.py$/.test(name))
    .reduce((count, name) => count + (readFileSync(join(TESTS, name), 'utf8').match(/^ {4}def test_/gm)?.length ?? 0), 0);
}

/** The README's quickstart: the first python block, as a reader would paste it. */
function quickstart(): string {
  const block = /```python\n([\s\S]*?)```/.exec(readFileSync(join(CLIENT, 'README.md'), 'utf8'))?.[1];
  if (!block?.includes('from agent_memory import')) throw new Error('clients/python/README.md has no python block importing agent_memory');
  return block;
}

describe('the Python client', () => {
  let api: TestApi;
  let limited: TestApi;
  let site: string;
  let install: Outcome;

  beforeAll(async () => {
    site = mkdtempSync(join(tmpdir(), 'python-client-'));
    [api, limited, install] = await Promise.all([
      startTestApi(roomyFreeTier()),
      startTestApi(roomyFreeTier({}, { requestsPerMinute: 3 })),
      python(['-m', 'pip', 'install', '--no-index', '--no-deps', '--target', site, CLIENT], site),
    ]);
  }, 300_000);
  afterAll(async () => {
    await Promise.all([api?.stop(), limited?.stop()]);
    if (site) rmSync(site, { recursive: true, force: true });
  });

  it('installs with pip from its folder, with no package index', async () => {
    // Act (the install ran before all tests)
    const imported = await python(['-c', 'import agent_memory; print(agent_memory.__file__, agent_memory.__version__)'], site, {
      PYTHONPATH: site,
    });

    // Assess
    const version = /^__version__ = "(.+)"$/m.exec(readFileSync(join(CLIENT, 'agent_memory/_version.py'), 'utf8'))?.[1];
    expect(install).toMatchObject({ code: 0, stdout: expect.stringContaining(`Successfully installed agent-memory-${version}`) });
    expect(imported.stdout.trim()).toBe(`${join(site, 'agent_memory/__init__.py')} ${version}`);
  });

  it('passes its unittest suite, installed, against the local gateway', async () => {
    // Act: the installed copy (PYTHONPATH), not the sources beside the tests.
    const run = await python(['-m', 'unittest', 'discover', '--start-directory', TESTS, '--top-level-directory', TESTS, '-v'], site, {
      PYTHONPATH: site,
      MEMORY_API_URL: api.url,
      MEMORY_API_LIMITED_URL: limited.url,
    });

    // Assess
    if (run.code !== 0) throw new Error(`python3 -m unittest failed (exit ${run.code}):\n${run.stderr}`);
    expect(run.stderr).toMatch(/\nRan \d+ tests? in [\d.]+s\n\nOK\n$/);
    expect(Number(/^Ran (\d+) test/m.exec(run.stderr)?.[1])).toBe(definedTests());
    expect(run.stderr).not.toMatch(/skipped|expected failure/);
  }, 300_000);

  it("runs the README's quickstart, installed, against the local gateway", async () => {
    // Prepare
    writeFileSync(join(site, 'quickstart.py'), quickstart());

    // Act
    const run = await python(['quickstart.py'], site, { PYTHONPATH: site, MEMORY_API_URL: api.url });

    // Assess
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toMatch(/^best match: The user prefers green tea$/m);
    expect(run.stdout).toMatch(/^listed: mem_[0-9A-Z]{26} The user prefers green tea$/m);
    expect(run.stdout).toMatch(/^refused: 404 NOT_FOUND [0-9a-f-]{36}$/m);
    const login = await api.call('POST', '/v1/auth/login', { body: { email: 'ada@example.com', password: 'correct horse battery' } });
    const active = await api.call('GET', '/v1/api-keys?status=active', { headers: bearer(login.json.access_token) });
    expect(active.json.data).toEqual([]);
  });
});
