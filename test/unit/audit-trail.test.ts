import { describe, expect, it, jest } from '@jest/globals';
import { logger } from '../../lambda/platform/logger';
import { recordAudit } from '../../lambda/audit/audit-trail';
import { createFakeDependencies } from './fake-dependencies';

describe('recordAudit', () => {
  it('logs a failed audit write and resolves, so the action it describes still succeeds', async () => {
    // Prepare
    const { deps } = createFakeDependencies();
    const failing = { ...deps, audit: { record: async () => Promise.reject(new Error('throttled')) } } as unknown as typeof deps;
    const warn = jest.spyOn(logger, 'warn').mockImplementation(() => undefined);
    // Act
    await recordAudit(failing, { tenantId: 'tnt_1', type: 'key.revoked', actor: { type: 'user', id: 'usr_1' }, keyId: 'key_1' });
    // Assess
    expect(warn).toHaveBeenCalledWith(
      'audit event not recorded',
      expect.objectContaining({ audit_type: 'key.revoked', error: 'throttled' }),
    );
    warn.mockRestore();
  });
});
