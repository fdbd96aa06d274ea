import * as z from 'zod/mini';
import { hashPassword, verifyPassword, DECOY_PASSWORD_HASH } from '../auth/passwords';
import { ACCESS_TOKEN_TTL_SECONDS, signAccessToken } from '../auth/tokens';
import { pooledKeyFor } from '../gateway-keys/gateway-pool';
import type { User } from '../domain/records';
import type { SecretVersions } from '../platform/secrets';
import { newId } from '../domain/ids';
import { ApiError } from '../http/errors';
import { retryAfterHeaders } from '../shared/error-codes';
import { parseWith } from '../http/validation';
import type { Dependencies } from '../wiring/dependencies';
import type { Operations } from './pipeline';
import { jsonBody } from './request-body';
import type { Request } from './request';
import type { SessionView } from './response-bodies';
import type { AttemptLimit, LoginCounter } from '../store/login-attempts-store';
import { recordAudit, recordAuditOncePerWindow, type AuditEntry } from '../audit/audit-trail';
import { originOf } from './audit-origin';

/**
 * Login attempts are counted three ways, each in a 15-minute window that starts with its first
 * attempt. An email from one client address gets 5 (a success clears them). An email from all
 * addresses gets 20, then one more attempt after 2, 4, 8, ... seconds (at most 5 minutes): an
 * attacker at one address cannot lock the owner out, and many addresses only slow the email down.
 * An address the owner logged in from in the last 30 days is not slowed by the email-wide count at
 * all (only its own 5), so an attack from elsewhere never keeps the owner out at a known address.
 * A client address gets `loginAttemptsPerAddress` (100) over all emails, which bounds the counter
 * items that guesses at unknown emails can create.
 */
export const LOGIN_MAX_ATTEMPTS = 5;
export const LOGIN_WINDOW_SECONDS = 15 * 60;
export const LOGIN_EMAIL_LIMIT: AttemptLimit = { max: 20, windowSeconds: LOGIN_WINDOW_SECONDS, backoffCapSeconds: 300 };
const LOGIN_PAIR_LIMIT: AttemptLimit = { max: LOGIN_MAX_ATTEMPTS, windowSeconds: LOGIN_WINDOW_SECONDS };
/** How long an address the owner logged in from stays known (renewed by each login from it). */
export const KNOWN_ADDRESS_SECONDS = 30 * 86_400;

const email = z.email('must be an email address').check(z.maxLength(254));
export const RegisterBody = z.strictObject({
  email,
  password: z.string().check(z.minLength(10, 'must be at least 10 characters'), z.maxLength(256, 'must be at most 256 characters')),
  full_name: z.string().check(z.trim(), z.minLength(1, 'must not be empty'), z.maxLength(200)),
});
export const LoginBody = z.strictObject({ email: z.string().check(z.maxLength(254)), password: z.string().check(z.maxLength(256)) });

/**
 * Sign-up never calls the API Gateway control plane: the tenant starts on its tier's pooled
 * gateway key (created at deploy), and a dedicated key comes with a tier that gives one (see
 * tier-change.ts). Everything that can fail runs before the email is taken, so a failed sign-up
 * leaves nothing behind and its retry is not told EMAIL_TAKEN.
 */
async function register(request: Request, deps: Dependencies) {
  const body = parseWith(RegisterBody, jsonBody(request));
  const now = new Date(request.now).toISOString();
  const tier = deps.config.defaultTier;
  const tenantId = newId('tnt', request.now);
  const [passwordHash, jwt, gatewayKey] = await Promise.all([
    hashPassword(body.password),
    deps.secrets.get('jwt'),
    pooledKeyFor(deps, tier),
  ]);
  if (!gatewayKey) {
    throw new ApiError('SERVICE_UNAVAILABLE', 'Sign-up is not open yet; try again in a minute', undefined, retryAfterHeaders(60));
  }
  const user: User = {
    userId: newId('usr', request.now),
    tenantId,
    email: body.email.toLowerCase(),
    fullName: body.full_name,
    passwordHash,
    createdAt: now,
  };
  const created = await deps.tenants.createTenantWithOwner(
    {
      tenantId,
      tier,
      ownerUserId: user.userId,
      createdAt: now,
      activeKeys: 0,
      gatewayKeyId: gatewayKey.id,
      gatewayKeyValue: gatewayKey.value,
      gatewayKeyKind: 'pooled',
    },
    user,
  );
  if (!created) throw new ApiError('EMAIL_TAKEN', 'An account with this email already exists');
  deps.metrics.record('SignUps', {});
  return { status: 201, body: await session(user, jwt, deps) };
}

async function login(request: Request, deps: Dependencies) {
  const body = parseWith(LoginBody, jsonBody(request));
  const pair = { email: body.email, address: request.sourceIp };
  // In turn, so attempts refused from one address never count toward the email's ceiling. Known and
  // unknown emails take the same steps, so neither answer nor timing tells them apart.
  const addressLimit = { max: deps.config.loginAttemptsPerAddress, windowSeconds: LOGIN_WINDOW_SECONDS };
  let knownAddress = false;
  try {
    await takeAttempt(deps, { address: request.sourceIp }, addressLimit, request.now, 'from this address');
    await takeAttempt(deps, pair, LOGIN_PAIR_LIMIT, request.now, 'for this email');
    knownAddress = await deps.loginAttempts.isKnownLoginAddress(body.email, request.sourceIp, request.now);
    if (!knownAddress) await takeAttempt(deps, { email: body.email }, LOGIN_EMAIL_LIMIT, request.now, 'for this email');
  } catch (error) {
    if (error instanceof ApiError && error.code === 'TOO_MANY_ATTEMPTS')
      await auditLogin(request, deps, 'login.locked', await deps.tenants.findUserByEmail(body.email));
    throw error;
  }
  const user = await deps.tenants.findUserByEmail(body.email);
  const valid = await verifyPassword(body.password, user?.passwordHash ?? DECOY_PASSWORD_HASH);
  if (!user || !valid) {
    await auditLogin(request, deps, 'login.failed', user);
    throw new ApiError('INVALID_CREDENTIALS', 'The email or password is wrong');
  }
  await Promise.all([
    // A known address did not count in the email-wide window: its success leaves an attack's count standing.
    deps.loginAttempts.clearLoginAttempts(knownAddress ? [pair] : [pair, { email: body.email }]),
    deps.loginAttempts.rememberLoginAddress(body.email, request.sourceIp, request.now, KNOWN_ADDRESS_SECONDS),
  ]);
  await auditLogin(request, deps, 'login.succeeded', user);
  return { status: 200, body: await session(user, await deps.secrets.get('jwt'), deps) };
}

async function takeAttempt(deps: Dependencies, counter: LoginCounter, limit: AttemptLimit, now: number, what: string): Promise<void> {
  const attempt = await deps.loginAttempts.takeLoginAttempt(counter, limit, now);
  if (attempt.ok) return;
  deps.metrics.record('LoginLockouts', {});
  const retry = retryAfterHeaders(attempt.retryAt - Math.floor(now / 1000));
  throw new ApiError('TOO_MANY_ATTEMPTS', `Too many failed logins ${what}; try again later`, undefined, retry);
}

/**
 * Logins are recorded for existing accounts only (an unknown email has no tenant to show them to).
 * Refusals of a locked email repeat at an attacker's pace, so they are recorded once per window.
 */
async function auditLogin(request: Request, deps: Dependencies, type: AuditEntry['type'], user: User | undefined): Promise<void> {
  if (!user) return;
  const entry = { tenantId: user.tenantId, type, actor: { type: 'user' as const, id: user.userId }, details: { email: user.email } };
  if (type === 'login.locked') return recordAuditOncePerWindow(deps, user.userId, entry, originOf(request));
  return recordAudit(deps, entry, originOf(request));
}

async function session(user: User, jwt: SecretVersions, deps: Dependencies): Promise<SessionView> {
  const accessToken = await signAccessToken({ userId: user.userId, tenantId: user.tenantId }, jwt, deps.now());
  return {
    access_token: accessToken,
    token_type: 'Bearer',
    expires_in: ACCESS_TOKEN_TTL_SECONDS,
    user: { id: user.userId, email: user.email, full_name: user.fullName, tenant_id: user.tenantId, created_at: user.createdAt },
  };
}

export const authOperations: Operations<'auth'> = { register, login };
