import { describe, expect, it, jest } from '@jest/globals';
import { logger } from '../../lambda/platform/logger';
import { recordAudit } from '../../lambda/services/audit-trail';
import { createFakeServices } from './fake-services';

describe('recordAudit', () => {
  it('logs a failed audit write and resolves, so the action it describes still succeeds', async () => {
    // Prepare
    const { services } = createFakeServices();
    const failing = { ...services, audit: { record: async () => Promise.reject(new Error('throttled')) } } as unknown as typeof services;
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
