import type { expect } from '@jest/globals';

type SnapshotSerializer = Extract<Parameters<typeof expect.addSnapshotSerializer>[0], { serialize: unknown }>;

/** sha256 asset hashes (S3 keys, asset ids): they depend on absolute paths and bundler output. */
const ASSET_HASH = /[a-f0-9]{64}/;

export function maskAssetHashes(value: string): string {
  return value.replace(new RegExp(ASSET_HASH.source, 'g'), '[ASSET_HASH]');
}

/** Masks what churns between machines so the snapshot shows only real template changes. */
export const templateSerializer: SnapshotSerializer = {
  test: (value: unknown) => typeof value === 'string' && ASSET_HASH.test(value),
  serialize: (value: string, config, indentation, depth, refs, printer) =>
    printer(maskAssetHashes(value), config, indentation, depth, refs),
};
