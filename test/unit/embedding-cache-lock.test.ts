import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { holderAlive } from '../../local/embedding-model';

const dir = mkdtempSync(join(tmpdir(), 'embedding-lock-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function lockFile(name: string, content: string, ageMs = 0): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  const when = (Date.now() - ageMs) / 1000;
  utimesSync(path, when, when);
  return path;
}

describe('the embedding cache’s conversion lock', () => {
  it('is held while the process named in it runs', () => {
    // Act & Assess
    expect(holderAlive(lockFile('own.lock', String(process.pid)))).toBe(true);
  });

  it('is stale once its holder died (kill -9 mid-conversion), so the next start converts instead of waiting', () => {
    // Prepare: a process that has ended.
    const ended = spawnSync(process.execPath, ['-e', '']).pid;

    // Act & Assess
    expect(holderAlive(lockFile('dead.lock', String(ended)))).toBe(false);
  });

  it('counts an empty lock as held only for the moment its holder takes to write its pid', () => {
    // Act & Assess
    expect(holderAlive(lockFile('fresh.lock', ''))).toBe(true);
    expect(holderAlive(lockFile('old.lock', '', 60_000))).toBe(false);
    expect(holderAlive(join(dir, 'gone.lock'))).toBe(false);
  });
});
