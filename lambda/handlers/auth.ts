import * as z from 'zod/mini';
import { hashPassword, verifyPassword, DECOY_PASSWORD_HASH } from '../auth/passwords';
import { ACCESS_TOKEN_TTL_SECONDS, signAccessToken } from '../auth/tokens';
import { assignDedicatedGatewayKey, pooledGatewayKey } from '../services/gateway-key-assignment';
import type { User } from '../domain/records';
import { USAGE_PLAN_PREFIX_ENVIRONMENT } from '../shared/environment-names';
import { newId } from '../shared/ids';
import { ApiError, retryAfterHeaders } from '../shared/errors';
import { parseWith } from '../shared/validation';
import { ApiGatewayKeyProvisioner } from '../platform/gateway-keys';
import { servicesFromEnvironment, type Services } from '../services/services';
import { createHandler, type Operations } from './pipeline';
import { jsonBody } from './request-body';
import type { Request } from './request';
import type { SessionView } from './response-bodies';
import { recordAudit, recordAuditOncePerWindow, type AuditEntry } from '../services/audit-trail';
import { originOf } from './audit-origin';

/** Login attempts for one email inside the window before further ones are refused (a success clears them). */
export const LOGIN_MAX_ATTEMPTS = 5;
export const LOGIN_WINDOW_SECONDS = 15 * 60;

const email = z.email('must be an email address').check(z.maxLength(254));
export const RegisterBody = z.strictObject({
  email,
  password: z.string().check(z.minLength(10, 'must be at least 10 characters'), z.maxLength(256, 'must be at most 256 characters')),
  full_name: z.string().check(z.trim(), z.minLength(1, 'must not be empty'), z.maxLength(200)),
});
export const LoginBody = z.strictObject({ email: z.string().check(z.maxLength(254)), password: z.string().check(z.maxLength(256)) });

async function register(request: Request, services: Services) {
  const body = parseWith(RegisterBody, jsonBody(request));
  const now = new Date(request.now).toISOString();
  const tier = services.config.defaultTier;
  const user: User = {
    userId: newId('usr', request.now),
    tenantId: newId('tnt', request.now),
    email: body.email.toLowerCase(),
    fullName: body.full_name,
    passwordHash: await hashPassword(body.password),
    createdAt: now,
  };
  const pooled = await pooledGatewayKey(services, tier);
  const created = await services.accounts.createTenantWithOwner(
    {
      tenantId: user.tenantId,
      tier,
      ownerUserId: user.userId,
      createdAt: now,
      activeKeys: 0,
      gatewayKeyId: pooled.id,
      gatewayKeyValue: pooled.value,
      gatewayKeyKind: 'pooled',
    },
    user,
  );
  if (!created) throw new ApiError('EMAIL_TAKEN', 'An account with this email already exists');
  await assignDedicatedGatewayKey(services, user.tenantId, tier);
  return { status: 201, body: await session(user, services) };
}

async function login(request: Request, services: Services) {
  const body = parseWith(LoginBody, jsonBody(request));
  const attempt = await services.accounts.takeLoginAttempt(body.email, LOGIN_MAX_ATTEMPTS, LOGIN_WINDOW_SECONDS, request.now);
  if (!attempt.ok) {
    await auditLogin(request, services, 'login.locked', await services.accounts.findUserByEmail(body.email));
    const retry = retryAfterHeaders(attempt.resetsAt - Math.floor(request.now / 1000));
    throw new ApiError('TOO_MANY_ATTEMPTS', 'Too many failed logins for this email; try again later', undefined, retry);
  }
  const user = await services.accounts.findUserByEmail(body.email);
  const valid = await verifyPassword(body.password, user?.passwordHash ?? DECOY_PASSWORD_HASH);
  if (!user || !valid) {
    await auditLogin(request, services, 'login.failed', user);
    throw new ApiError('INVALID_CREDENTIALS', 'The email or password is wrong');
  }
  await services.accounts.clearLoginAttempts(body.email);
  await auditLogin(request, services, 'login.succeeded', user);
  return { status: 200, body: await session(user, services) };
}

/**
 * Logins are recorded for existing accounts only (an unknown email has no tenant to show them to).
 * Refusals of a locked email repeat at an attacker's pace, so they are recorded once per window.
 */
async function auditLogin(request: Request, services: Services, type: AuditEntry['type'], user: User | undefined): Promise<void> {
  if (!user) return;
  const entry = { tenantId: user.tenantId, type, actor: { type: 'user' as const, id: user.userId }, details: { email: user.email } };
  if (type === 'login.locked') return recordAuditOncePerWindow(services, user.userId, entry, originOf(request));
  return recordAudit(services, entry, originOf(request));
}

async function session(user: User, services: Services): Promise<SessionView> {
  const accessToken = await signAccessToken(
    { userId: user.userId, tenantId: user.tenantId },
    await services.secrets.get('jwt'),
    services.now(),
  );
  return {
    access_token: accessToken,
    token_type: 'Bearer',
    expires_in: ACCESS_TOKEN_TTL_SECONDS,
    user: { id: user.userId, email: user.email, full_name: user.fullName, tenant_id: user.tenantId, created_at: user.createdAt },
  };
}

export const authOperations: Operations<'auth'> = { register, login };

const usagePlanPrefix = process.env[USAGE_PLAN_PREFIX_ENVIRONMENT] ?? '';

export const handler = createHandler('auth', authOperations, () =>
  servicesFromEnvironment(() => new ApiGatewayKeyProvisioner(usagePlanPrefix)),
);
