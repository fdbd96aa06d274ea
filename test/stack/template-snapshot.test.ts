import { describe, expect, it } from '@jest/globals';
import { defaultTemplate } from '../helpers/cdk-app';
import { maskAssetHashes, templateSerializer } from '../helpers/template-serializer';

expect.addSnapshotSerializer(templateSerializer);

describe('MemoryApiStack template', () => {
  it('matches the reviewed snapshot, asset hashes masked', () => {
    // Prepare
    const { template } = defaultTemplate();

    // Act
    const json: unknown = template.toJSON();

    // Assess
    expect(json).toMatchSnapshot();
  });

  it('masks every asset hash in the function code keys', () => {
    // Prepare
    const { template } = defaultTemplate();
    const s3Keys = [...JSON.stringify(template.toJSON()).matchAll(/"S3Key":"([^"]+)"/g)].map((match) => match[1] as string);

    // Act
    const masked = s3Keys.map(maskAssetHashes);

    // Assess
    // 13 functions, the console bundle, and CDK's BucketDeployment and auto-delete helpers.
    expect(s3Keys).toHaveLength(16);
    expect(s3Keys.every((key) => templateSerializer.test(key))).toBe(true);
    expect(new Set(masked)).toEqual(new Set(['[ASSET_HASH].zip']));
  });
});
