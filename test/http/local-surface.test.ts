import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { request } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { LOCAL_TIER_CHANGE_PATH } from '../../local/operator-routes';
import { OPERATOR_TOKEN_FILE } from '../../local/operator-token';
import { DYNAMO_ENDPOINT_ENVIRONMENT } from '../helpers/dynamo-global-setup';
import { bearer, expectError, registerTenant, startTestApi, type ApiResponse, type TestApi } from '../helpers/local-api';

const run = promisify(execFile);

/** One request with a Host header of our choosing (fetch always sends the URL's own). */
function postWithHost(url: string, host: string, headers: Record<string, string>, body: string): Promise<{ status: number }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', headers: { ...headers, host, 'content-type': 'application/json' } }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0 }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/**
 * Sends raw bytes and reads everything the server answers before it closes the connection. With
 * `keepOpen` our side of the socket stays open, so only the server can end the exchange.
 */
function rawExchange(url: string, bytes: string, { keepOpen = false } = {}): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => (keepOpen ? socket.write(bytes) : socket.end(bytes)));
    let answer = '';
    socket.on('data', (chunk: Buffer) => (answer += chunk.toString('latin1')));
    socket.on('error', reject);
    socket.on('close', () => resolve(answer));
  });
}

/** A raw HTTP/1.1 answer with a JSON body, read as the API client reads one. */
function parseRawResponse(answer: string): ApiResponse {
  const [head = '', body = ''] = answer.split('\r\n\r\n');
  const [statusLine = '', ...lines] = head.split('\r\n');
  const headers = Object.fromEntries(
    lines.map((line) => [line.slice(0, line.indexOf(':')).toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]),
  );
  return { status: Number(statusLine.split(' ')[1]), headers: new Headers(headers), json: JSON.parse(body), text: body };
}

/** The local addresses listening on a TCP port, from the kernel's socket tables (hex, as Linux writes them). */
function listeningAddresses(port: number): string[] {
  const portHex = port.toString(16).toUpperCase().padStart(4, '0');
  return ['/proc/net/tcp', '/proc/net/tcp6'].flatMap((table) =>
    readFileSync(table, 'utf8')
      .split('\n')
      .slice(1)
      .map((line) => line.trim().split(/\s+/))
      .filter((fields) => fields[1]?.endsWith(`:${portHex}`) && fields[3] === '0A')
      .map((fields) => fields[1]?.split(':')[0] ?? ''),
  );
}

/** 127.0.0.1 as /proc/net/tcp writes it (little-endian), and ::1 or ::ffff:127.0.0.1 in tcp6. */
const LOOPBACK = new Set(['0100007F', '00000000000000000000000001000000', '0000000000000000FFFF00000100007F']);

describe('the local operator route needs the operator token and a loopback Host', () => {
  let api: TestApi;
  let dataDir: string;
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'memory-api-operator-'));
    api = await startTestApi({}, { dataDir });
  });
  afterAll(async () => {
    await api.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('refuses a tier change without the operator token or with another one, changing nothing', async () => {
    // Prepare
    const { tenantId } = await registerTenant(api.call);
    const body = { tenantId, tier: 'pro' };

    // Act
    const withoutToken = await api.call('POST', LOCAL_TIER_CHANGE_PATH, { body });
    const withOtherToken = await api.call('POST', LOCAL_TIER_CHANGE_PATH, { body, headers: bearer(`${api.operatorToken.slice(1)}x`) });

    // Assess
    expect([withoutToken.status, withOtherToken.status]).toEqual([401, 401]);
    expect((await api.deps.tenants.getTenant(tenantId))?.tier).toBe('free');
  });

  it('refuses a tier change whose Host is not loopback, as a page rebinding its DNS name to this machine sends, even with the token', async () => {
    // Prepare
    const { tenantId } = await registerTenant(api.call);
    const body = JSON.stringify({ tenantId, tier: 'pro' });

    // Act
    const rebound = await postWithHost(api.url + LOCAL_TIER_CHANGE_PATH, 'attacker.example:80', bearer(api.operatorToken), body);
    const loopback = await postWithHost(api.url + LOCAL_TIER_CHANGE_PATH, 'localhost', bearer(api.operatorToken), body);

    // Assess
    expect(rebound.status).toBe(403);
    expect(loopback.status).toBe(200);
    expect((await api.deps.tenants.getTenant(tenantId))?.tier).toBe('pro');
  });

  it('keeps the operator token in the data folder, readable by its owner only, where npm run set-tier finds it', async () => {
    // Prepare
    const { tenantId } = await registerTenant(api.call);
    const file = join(dataDir, OPERATOR_TOKEN_FILE);

    // Act
    const { stdout } = await run(
      process.execPath,
      ['--import', 'tsx', 'scripts/set-tier.ts', tenantId, 'starter', '--url', api.url, '--no-wait'],
      {
        env: { ...process.env, LOCAL_DATA_DIR: dataDir, LOCAL_OPERATOR_TOKEN: '' },
      },
    );

    // Assess
    expect(readFileSync(file, 'utf8').trim()).toBe(api.operatorToken);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(JSON.parse(stdout)).toMatchObject({ ok: true, to: 'starter' });
  });
});

describe('DynamoDB Local listens on loopback only', () => {
  it('binds the port of the DynamoDB Local that startDynamoLocal starts to 127.0.0.1 and nothing else', () => {
    // Prepare
    const port = Number(new URL(process.env[DYNAMO_ENDPOINT_ENVIRONMENT] ?? '').port);

    // Act
    const addresses = listeningAddresses(port);

    // Assess
    expect(addresses.length).toBeGreaterThan(0);
    expect(addresses.filter((address) => !LOOPBACK.has(address))).toEqual([]);
  });
});

describe('DynamoDB Local answers the stack’s own clients only', () => {
  const endpoint = () => new URL(process.env[DYNAMO_ENDPOINT_ENVIRONMENT] ?? '');
  const listTables = (headers: Record<string, string>) =>
    rawExchange(
      `http://127.0.0.1:${endpoint().port}`,
      [
        'POST / HTTP/1.1',
        ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`),
        'Content-Type: application/x-amz-json-1.0',
        'X-Amz-Target: DynamoDB_20120810.ListTables',
        'Content-Length: 2',
        'Connection: close',
        '',
        '{}',
      ].join('\r\n'),
    ).then((raw) => Number(/^HTTP\/1\.1 (\d{3})/.exec(raw)?.[1]));
  const signedBy = (key: string) =>
    `AWS4-HMAC-SHA256 Credential=${key}/20260101/local/dynamodb/aws4_request, SignedHeaders=host, Signature=00`;

  it('refuses any other credential, and its own one under a Host that is not this loopback port (DNS rebinding)', async () => {
    // Prepare
    const host = `127.0.0.1:${endpoint().port}`;
    const ownKey = decodeURIComponent(endpoint().username);

    // Act
    const otherKey = await listTables({ Host: host, Authorization: signedBy('local') });
    const unsigned = await listTables({ Host: host });
    const rebound = await listTables({ Host: `attacker.example:${endpoint().port}`, Authorization: signedBy(ownKey) });
    const own = await listTables({ Host: host, Authorization: signedBy(ownKey) });

    // Assess
    expect([otherKey, unsigned, rebound]).toEqual([403, 403, 403]);
    // DynamoDB Local itself judges the (made-up) signature of the right key: not the front's 403.
    expect(own).not.toBe(403);
    expect(ownKey).toMatch(/^local[0-9a-f]{32}$/);
  });
});

describe('the local gateway holds no slow or oversized body', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi({}, { requestTimeoutMs: 300 });
  });
  afterAll(async () => api.stop());

  it('answers a body announced over 10 MB with 413 at once, reading none of it, and closes the connection', async () => {
    // Prepare
    const { port } = new URL(api.url);
    const head = `POST /v1/memories HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: application/json\r\nContent-Length: ${11 * 1024 * 1024}\r\n\r\n{`;

    // Act: the socket stays open on our side; only the server's close ends the exchange.
    const answer = await rawExchange(api.url, head, { keepOpen: true });

    // Assess
    expect(answer).toMatch(/^HTTP\/1\.1 413 /);
  });

  it('closes a connection whose body trickles in past the request time limit', async () => {
    // Prepare
    const { port } = new URL(api.url);
    const head = `POST /v1/memories HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"content":`;

    // Act: part of the body, then nothing: only the server's limit can end the exchange.
    const answer = await rawExchange(api.url, head, { keepOpen: true });

    // Assess
    expect(answer).toMatch(/^HTTP\/1\.1 400 /);
    expect(answer).toContain('The request did not arrive in time');
  });
});

describe('requests the HTTP server refuses itself get the error shape', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(async () => api.stop());

  it('answers 431 REQUEST_HEADERS_TOO_LARGE in the error shape, with a request id, to headers over 16 KiB', async () => {
    // Prepare
    const { hostname, port } = new URL(api.url);
    const bytes = `GET /v1/memories HTTP/1.1\r\nHost: ${hostname}:${port}\r\nX-Padding: ${'a'.repeat(20_000)}\r\n\r\n`;

    // Act
    const answer = parseRawResponse(await rawExchange(api.url, bytes));

    // Assess
    expectError(answer, 431, 'REQUEST_HEADERS_TOO_LARGE');
    expect(answer.headers.get('x-request-id')).toBe(answer.json.error.request_id);
  });

  it('answers 400 VALIDATION_ERROR in the error shape, with a request id, to bytes that are not HTTP', async () => {
    // Act
    const answer = parseRawResponse(await rawExchange(api.url, 'HELLO THERE\r\n\r\n'));

    // Assess
    expectError(answer, 400, 'VALIDATION_ERROR');
    expect(answer.headers.get('x-request-id')).toBe(answer.json.error.request_id);
  });
});
