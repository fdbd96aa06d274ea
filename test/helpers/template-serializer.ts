import type { SnapshotSerializer } from 'vitest';

/** sha256 asset hashes (S3 keys, asset ids): they depend on absolute paths and bundler output. */
const ASSET_HASH = /[a-f0-9]{64}/g;

/** Masks what churns between machines so the snapshot shows only real template changes. */
export const templateSerializer: SnapshotSerializer = {
  test: (value: unknown) => typeof value === 'string' && new RegExp(ASSET_HASH.source).test(value),
  serialize: (value: string, config, indentation, depth, refs, printer) =>
    printer(value.replace(ASSET_HASH, '[ASSET_HASH]'), config, indentation, depth, refs),
};
