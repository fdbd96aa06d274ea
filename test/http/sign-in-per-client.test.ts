import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { CREDENTIAL_ROUTE_THROTTLE } from '../../lambda/shared/stage-throttles';
import { WAF_DETECTION_DELAY_MS } from '../../local/web-acl';
import { startTestApi, uniqueEmail, type TestApi } from '../helpers/local-api';

interface Answer {
  readonly status: number;
  readonly code?: string;
}

/** A POST from one client address (every 127.0.0.0/8 address reaches the loopback server). */
function postFrom(api: TestApi, address: string, path: string, body: unknown): Promise<Answer> {
  const { port } = new URL(api.url);
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, path, method: 'POST', localAddress: address, headers: { 'content-type': 'application/json' } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          const code =
            res.statusCode === 200 || res.statusCode === 201 ? undefined : (JSON.parse(text) as { error: { code: string } }).error.code;
          resolve({ status: res.statusCode ?? 0, code });
        });
      },
    );
    req.on('error', reject);
    req.end(JSON.stringify(body));
  });
}

const ATTACKER = '127.0.0.2';
const USER = '127.0.0.3';
const password = 'correct horse battery';

describe('sign-in behind the stage throttle and the web ACL', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi({ waf: { enabled: true, credentialRequestsPer5Minutes: 10 } });
  });
  afterAll(async () => api.stop());

  it('cannot be taken down by one client for longer than the web ACL takes to notice it', async () => {
    // Prepare
    const email = uniqueEmail();
    expect((await postFrom(api, USER, '/v1/auth/register', { email, password, full_name: 'User' })).status).toBe(201);
    const start = api.clock.nextMinute();
    api.clock.freezeAt(start);
    const flood = () =>
      Promise.all(
        Array.from({ length: 2 * CREDENTIAL_ROUTE_THROTTLE.burstLimit }, () =>
          postFrom(api, ATTACKER, '/v1/auth/login', { email, password: 'wrong password' }),
        ),
      );

    // Act: the flood empties the login method's shared bucket before the web ACL has noticed it
    const first = await flood();
    const duringDetection = await postFrom(api, USER, '/v1/auth/login', { email, password });
    api.clock.freezeAt(start + WAF_DETECTION_DELAY_MS);
    const second = await flood();
    const afterDetection = await postFrom(api, USER, '/v1/auth/login', { email, password });

    // Assess
    expect(first.filter((answer) => answer.code === 'RATE_LIMIT_EXCEEDED')).toHaveLength(CREDENTIAL_ROUTE_THROTTLE.burstLimit);
    expect(duringDetection).toEqual({ status: 429, code: 'RATE_LIMIT_EXCEEDED' });
    expect(second.every((answer) => answer.status === 403 && answer.code === 'REQUEST_BLOCKED')).toBe(true);
    expect(afterDetection.status).toBe(200);
  });
});
