import { execFile } from 'node:child_process';
import { existsSync, lstatSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { bearer, startTestApi, type TestApi } from '../helpers/local-api';

const execFileAsync = promisify(execFile);
const ROOT = join(__dirname, '../..');
const SDK = join(ROOT, 'sdk');
const TSC = join(ROOT, 'node_modules/typescript/bin/tsc');

/**
 * A child process as a user's shell would start it: without the `npm_*` variables that `npm test`
 * sets, one of which (the local prefix) would point a nested npm at this repository.
 */
function run(command: string, args: string[], cwd: string, extra: Record<string, string> = {}) {
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.toLowerCase().startsWith('npm_')));
  delete env.MEMORY_API_KEY;
  delete env.MEMORY_API_URL;
  return execFileAsync(command, args, { cwd, env: { ...env, ...extra }, maxBuffer: 16 * 1024 * 1024 });
}

/** The first fenced block of this language in the SDK's README, as a reader would paste it. */
function readmeBlock(language: 'js' | 'ts'): string {
  const block = new RegExp('```' + language + '\\n([\\s\\S]*?)```').exec(readFileSync(join(SDK, 'README.md'), 'utf8'))?.[1];
  if (!block?.includes("from '@agent-memory/sdk'")) throw new Error(`sdk/README.md has no ${language} block importing @agent-memory/sdk`);
  return block;
}

/**
 * The installed folders of these packages and of everything they depend on, found as Node finds
 * them (the nearest node_modules up from the dependent), so the offline install gets the very
 * versions the lockfile pinned.
 */
function dependencyFolders(names: string[], from: string, found = new Map<string, string>()): Map<string, string> {
  for (const name of names) {
    if (found.has(name)) continue;
    let folder: string | undefined;
    for (let at = from; ; at = dirname(at)) {
      const candidate = join(at, 'node_modules', name);
      if (existsSync(join(candidate, 'package.json'))) {
        folder = candidate;
        break;
      }
      if (at === dirname(at)) throw new Error(`${name} is not installed (run npm ci)`);
    }
    found.set(name, folder);
    const manifest = JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
    dependencyFolders(Object.keys(manifest.dependencies ?? {}), folder, found);
  }
  return found;
}

interface Packed {
  readonly filename: string;
  readonly files: { path: string }[];
}

/** Packs as they are: no package's scripts run (the SDK's build is `npm test`'s first step). */
async function pack(folders: string[], destination: string): Promise<Packed[]> {
  const { stdout } = await run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', destination, ...folders], destination);
  return JSON.parse(stdout) as Packed[];
}

function newestSource(folder: string): number {
  return Math.max(...readdirSync(folder, { recursive: true, encoding: 'utf8' }).map((name) => statSync(join(folder, name)).mtimeMs));
}

describe('the packed SDK in a project outside the repository', () => {
  let api: TestApi;
  let project: string;
  let sdk: Packed;

  beforeAll(async () => {
    api = await startTestApi();
    project = mkdtempSync(join(tmpdir(), 'sdk-consumer-'));
    const tarballs = mkdtempSync(join(tmpdir(), 'sdk-tarballs-'));
    // Rebuilding here while other test files import sdk/dist would race them, so only a lone run with
    // a missing or stale build (older than its sources) builds.
    const built = join(SDK, 'dist/index.js');
    if (!existsSync(built) || statSync(built).mtimeMs < newestSource(join(SDK, 'src'))) await run('npm', ['run', 'build'], ROOT);
    [sdk] = await pack([SDK], tarballs);
    const sdkManifest = JSON.parse(readFileSync(join(SDK, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    // The SDK's dependencies, and @types/node as a TypeScript user on Node has it, come as tarballs
    // packed from this checkout: the install needs neither the network nor npm's cache.
    const dependencies = dependencyFolders([...Object.keys(sdkManifest.dependencies), '@types/node'], SDK);
    const others = await pack([...dependencies.values()], tarballs);
    writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'my-agent', private: true, type: 'module' }));
    await run(
      'npm',
      [
        'install',
        '--offline',
        '--no-audit',
        '--no-fund',
        '--cache',
        join(project, '.empty-npm-cache'),
        ...[sdk, ...others].map(({ filename }) => join(tarballs, filename)),
      ],
      project,
    );
    rmSync(tarballs, { recursive: true, force: true });
  }, 300_000);
  afterAll(async () => {
    await api.stop();
    if (project) rmSync(project, { recursive: true, force: true });
  });

  it('packs the built module, its types and its README, and no sources or tests', () => {
    const paths = sdk.files.map((file) => file.path);

    expect(paths).toEqual(expect.arrayContaining(['package.json', 'README.md', 'LICENSE', 'dist/index.js', 'dist/index.d.ts']));
    expect(paths.filter((path) => !/^(package\.json|README\.md|LICENSE|dist\/.+\.(js|d\.ts|js\.map))$/.test(path))).toEqual([]);
  });

  it('installs as a copy in a folder outside the repository', () => {
    const installed = join(project, 'node_modules/@agent-memory/sdk');

    expect(relative(ROOT, project).startsWith('..')).toBe(true);
    expect(lstatSync(installed).isSymbolicLink()).toBe(false);
    expect(existsSync(join(installed, 'dist/index.d.ts'))).toBe(true);
    expect(existsSync(join(installed, 'src'))).toBe(false);
  });

  it("runs the README's quickstart as an ES module with plain Node against the local gateway", async () => {
    // Prepare
    writeFileSync(join(project, 'quickstart.mjs'), readmeBlock('js'));

    // Act
    const { stdout } = await run(process.execPath, ['quickstart.mjs'], project, { MEMORY_API_URL: api.url });

    // Assess
    const id = /^stored: (mem_[0-9A-Z]{26})$/m.exec(stdout)?.[1];
    expect(id).toBeDefined();
    expect(stdout).toMatch(/^best match: The user prefers green tea$/m);
    expect(stdout).toContain(`listed: ${id} The user prefers green tea\n`);
    expect(stdout).toMatch(/^refused: 404 NOT_FOUND [0-9a-f-]{36}$/m);
    const login = await api.call('POST', '/v1/auth/login', { body: { email: 'ada@example.com', password: 'correct horse battery' } });
    const active = await api.call('GET', '/v1/api-keys?status=active', { headers: bearer(login.json.access_token) });
    expect(active.json.data).toEqual([]);
  });

  it("type-checks the README's TypeScript example under strict settings, with types that refuse a wrong body", async () => {
    // Prepare: the settings `tsc --init` writes for Node, plus a line the types must refuse.
    writeFileSync(join(project, 'example.ts'), readmeBlock('ts'));
    writeFileSync(
      join(project, 'refused.ts'),
      [
        "import { MemoryClient } from '@agent-memory/sdk';",
        'const client = new MemoryClient();',
        '// @ts-expect-error content is a string',
        'void client.memories.create({ content: 42 });',
        '',
      ].join('\n'),
    );
    const compilerOptions = {
      target: 'ES2022',
      module: 'NodeNext',
      moduleResolution: 'NodeNext',
      types: ['node'],
      strict: true,
      noEmit: true,
      skipLibCheck: true,
    };
    writeFileSync(join(project, 'tsconfig.json'), JSON.stringify({ compilerOptions, files: ['example.ts', 'refused.ts'] }));

    // Act
    const result = await run(process.execPath, [TSC, '-p', 'tsconfig.json'], project).catch((error: { stdout: string }) => error);

    // Assess
    expect(result.stdout).toBe('');
  }, 300_000);

  it('loads with require() too, as Node 20.19 and later load an ES module', async () => {
    const { stdout } = await run(
      process.execPath,
      ['-e', "const sdk = require('@agent-memory/sdk'); console.log(typeof sdk.MemoryClient, typeof sdk.MemoryNetworkError)"],
      project,
    );

    expect(stdout.trim()).toBe('function function');
  });
});
