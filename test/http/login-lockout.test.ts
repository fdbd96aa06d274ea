import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { LOGIN_EMAIL_LIMIT, LOGIN_MAX_ATTEMPTS, LOGIN_WINDOW_SECONDS } from '../../lambda/handlers/auth';
import {
  expectError,
  registerTenant,
  scanTable,
  startTestApi,
  uniqueEmail,
  freshTables,
  type ApiResponse,
  type TestApi,
} from '../helpers/local-api';

const PASSWORD = 'correct horse battery';

describe('login lockout', () => {
  let api: TestApi;
  const tables = freshTables();

  /** A login sent from a loopback address of the test's choosing: the gateway counts attempts per client address. */
  const loginFrom = (address: string, email: string, password: string): Promise<ApiResponse> =>
    new Promise((resolve, reject) => {
      const url = new URL('/v1/auth/login', api.url);
      const body = JSON.stringify({ email, password });
      const req = httpRequest(
        {
          host: '127.0.0.1',
          port: url.port,
          path: url.pathname,
          method: 'POST',
          localAddress: address,
          headers: { 'content-type': 'application/json' },
        },
        (res) => {
          let text = '';
          res.on('data', (chunk: Buffer) => (text += chunk.toString()));
          res.on('end', () =>
            resolve({
              status: res.statusCode ?? 0,
              headers: new Headers(res.headers as Record<string, string>),
              json: JSON.parse(text),
              text,
            }),
          );
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  const login = (email: string, password: string) => loginFrom('127.0.0.1', email, password);

  /** Small enough to reach in a test; the default is 100. */
  const ATTEMPTS_PER_ADDRESS = 30;

  beforeAll(async () => {
    api = await startTestApi({ loginAttemptsPerAddress: ATTEMPTS_PER_ADDRESS }, { tables });
  });
  afterAll(async () => api.stop());
  // The stage's login method throttle (10 a second, burst 20, shared by every caller) starts each test full.
  beforeEach(() => api.clock.advance(2_000));

  it('lets no more than the allowed attempts through when guesses from one address race', async () => {
    const { email } = await registerTenant(api.call);
    const responses = await Promise.all(Array.from({ length: 12 }, (_, i) => login(email, `wrong guess ${i}`)));
    expect(responses.filter((response) => response.status === 401)).toHaveLength(LOGIN_MAX_ATTEMPTS);
    for (const response of responses.filter((r) => r.status !== 401)) expectError(response, 429, 'TOO_MANY_ATTEMPTS');
  });

  it('locks again in the next window after the first one expired', async () => {
    const { email } = await registerTenant(api.call);
    for (let i = 0; i < LOGIN_MAX_ATTEMPTS; i++) expectError(await login(email, 'wrong password!'), 401, 'INVALID_CREDENTIALS');
    expectError(await login(email, PASSWORD), 429, 'TOO_MANY_ATTEMPTS');
    api.clock.advance((LOGIN_WINDOW_SECONDS + 1) * 1000);
    for (let i = 0; i < LOGIN_MAX_ATTEMPTS; i++) expectError(await login(email, 'wrong password!'), 401, 'INVALID_CREDENTIALS');
    const locked = await login(email, 'wrong password!');
    expectError(locked, 429, 'TOO_MANY_ATTEMPTS');
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(LOGIN_WINDOW_SECONDS - 60);
  });

  it('clears the count after a successful login', async () => {
    const { email } = await registerTenant(api.call);
    for (let i = 0; i < LOGIN_MAX_ATTEMPTS - 1; i++) expectError(await login(email, 'wrong password!'), 401, 'INVALID_CREDENTIALS');
    expect((await login(email, PASSWORD)).status).toBe(200);
    for (let i = 0; i < LOGIN_MAX_ATTEMPTS - 1; i++) expectError(await login(email, 'wrong password!'), 401, 'INVALID_CREDENTIALS');
    expect((await login(email, PASSWORD)).status).toBe(200);
  });

  it('lets the owner log in from their own address while an attacker elsewhere keeps guessing', async () => {
    // Prepare
    const { email } = await registerTenant(api.call);
    const guesses = [];
    for (let i = 0; i < 3 * LOGIN_MAX_ATTEMPTS; i++) guesses.push(await loginFrom('127.0.0.2', email, `guess ${i}`));

    // Act
    const owner = await loginFrom('127.0.0.3', email, PASSWORD);

    // Assess
    expect(guesses.filter((guess) => guess.status === 401)).toHaveLength(LOGIN_MAX_ATTEMPTS);
    expectError(guesses.at(-1) as ApiResponse, 429, 'TOO_MANY_ATTEMPTS');
    expect(owner.status).toBe(200);
  });

  it('slows an email down past its ceiling across addresses, with a growing Retry-After, instead of locking it', async () => {
    // Prepare: guesses from enough addresses to reach the email's ceiling.
    const { email } = await registerTenant(api.call);
    api.clock.freezeAt(api.clock.now());
    const addresses = Array.from({ length: LOGIN_EMAIL_LIMIT.max / LOGIN_MAX_ATTEMPTS }, (_, i) => `127.0.1.${i + 1}`);
    for (const address of addresses) {
      for (let i = 0; i < LOGIN_MAX_ATTEMPTS; i++) {
        // At the pace the login method's throttle allows (10 a second).
        api.clock.advance(100);
        await loginFrom(address, email, 'wrong password!');
      }
    }

    // Act
    const slowed = await loginFrom('127.0.2.1', email, PASSWORD);
    api.clock.advance(2_000);
    const afterFirstStep = await loginFrom('127.0.2.1', email, 'wrong password!');
    const slowedAgain = await loginFrom('127.0.2.2', email, PASSWORD);
    api.clock.advance(4_000);
    const owner = await loginFrom('127.0.2.2', email, PASSWORD);
    api.clock.jumpTo(api.clock.now());

    // Assess
    expectError(slowed, 429, 'TOO_MANY_ATTEMPTS');
    expect(slowed.headers.get('retry-after')).toBe('2');
    expectError(afterFirstStep, 401, 'INVALID_CREDENTIALS');
    expectError(slowedAgain, 429, 'TOO_MANY_ATTEMPTS');
    expect(slowedAgain.headers.get('retry-after')).toBe('4');
    expect(owner.status).toBe(200);
  });

  it('keeps counters apart however the email is written: logins as `<email>#<owner address>` never lock the owner', async () => {
    // Prepare: the attacker's "email" ends with the owner's address.
    const { email } = await registerTenant(api.call);
    const ownerAddress = '127.0.5.1';
    for (let i = 0; i < LOGIN_MAX_ATTEMPTS; i++) await loginFrom('127.0.5.2', `${email}#${ownerAddress}`, 'wrong password!');

    // Act
    const owner = await loginFrom(ownerAddress, email, PASSWORD);

    // Assess
    expect(owner.status).toBe(200);
  });

  it('lets the owner in at an address they logged in from while many addresses attack the email, their typo included', async () => {
    // Prepare: the owner logged in from this address before; then enough addresses to pass the email's ceiling spend their guesses.
    const { email } = await registerTenant(api.call);
    const home = '127.0.6.1';
    expect((await loginFrom(home, email, PASSWORD)).status).toBe(200);
    api.clock.freezeAt(api.clock.now());
    const attackers = LOGIN_EMAIL_LIMIT.max / LOGIN_MAX_ATTEMPTS + 1;
    for (let a = 1; a <= attackers; a++) {
      for (let i = 0; i < LOGIN_MAX_ATTEMPTS; i++) {
        // At the pace the login method's throttle allows (10 a second).
        api.clock.advance(100);
        await loginFrom(`127.0.7.${a}`, email, 'wrong password!');
      }
    }

    // Act
    api.clock.advance(100);
    const typo = await loginFrom(home, email, 'wrong password!');
    api.clock.advance(100);
    const owner = await loginFrom(home, email, PASSWORD);
    api.clock.advance(100);
    const stolenElsewhere = await loginFrom('127.0.7.99', email, PASSWORD);
    api.clock.jumpTo(api.clock.now());

    // Assess
    expectError(typo, 401, 'INVALID_CREDENTIALS');
    expect(owner.status).toBe(200);
    // Unknown addresses stay slowed down by the email-wide count (the owner's success does not reset it).
    expectError(stolenElsewhere, 429, 'TOO_MANY_ATTEMPTS');
  });

  it('bounds what guesses at unknown emails from one address can store', async () => {
    // Prepare
    const address = '127.0.3.1';
    const emails = Array.from({ length: ATTEMPTS_PER_ADDRESS + 10 }, () => uniqueEmail());
    const answers = [];

    // Act
    for (const email of emails) {
      api.clock.advance(100);
      answers.push(await loginFrom(address, email, 'whatever it is'));
    }

    // Assess
    expect(answers.slice(0, ATTEMPTS_PER_ADDRESS).every((answer) => answer.status === 401)).toBe(true);
    for (const answer of answers.slice(ATTEMPTS_PER_ADDRESS)) expectError(answer, 429, 'TOO_MANY_ATTEMPTS');
    const stored = (await scanTable(tables.accounts)).filter((item) => emails.some((email) => String(item.pk).includes(email)));
    // One counter for the email and one for the email from this address, for the attempts the address was allowed.
    expect(stored).toHaveLength(2 * ATTEMPTS_PER_ADDRESS);
  });
});
