import { createServer, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from '@jest/globals';
import { MemoryApiError, MemoryClient, MemoryNetworkError } from '../../sdk/src/index';

/** A TCP server on loopback that does what `onConnection` says with each connection (or nothing). */
async function tcpServer(
  onConnection: (socket: Socket) => void = () => undefined,
): Promise<{ url: string; server: Server; sockets: Socket[] }> {
  const sockets: Socket[] = [];
  const server = createServer((socket) => {
    sockets.push(socket);
    onConnection(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return { url: `http://127.0.0.1:${address.port}`, server, sockets };
}

const failure = (promise: PromiseLike<unknown>) =>
  Promise.resolve(promise).then(
    () => {
      throw new Error('expected the call to fail');
    },
    (caught: unknown) => caught,
  );

describe('the SDK when no answer comes', () => {
  const cleanup: (() => void)[] = [];
  afterEach(() => cleanup.splice(0).forEach((close) => close()));

  it('throws a MemoryNetworkError with code NETWORK_ERROR when the connection is refused', async () => {
    // Prepare: a port that was just free'd, so nothing listens on it.
    const { url, server } = await tcpServer();
    await new Promise((resolve) => server.close(resolve));

    // Act
    const error = await failure(new MemoryClient({ baseUrl: url, apiKey: 'mem_live_x' }).memories.list());

    // Assess
    expect(error).toBeInstanceOf(MemoryNetworkError);
    expect(error).toBeInstanceOf(MemoryApiError);
    expect(error).toMatchObject({ status: 0, code: 'NETWORK_ERROR', requestId: undefined, name: 'MemoryNetworkError' });
    expect((error as Error).message).toMatch(/^GET http:\/\/127\.0\.0\.1:\d+: could not reach the API \(.*ECONNREFUSED.*\)$/);
    expect((error as Error).cause).toMatchObject({ name: 'TypeError', message: 'fetch failed' });
  });

  it('throws NETWORK_ERROR when the host name does not resolve', async () => {
    // Act: .invalid is reserved and never resolves.
    const error = await failure(new MemoryClient({ baseUrl: 'http://agent-memory.invalid', apiKey: 'mem_live_x' }).usage());

    // Assess
    expect(error).toMatchObject({ status: 0, code: 'NETWORK_ERROR' });
    expect((error as Error).message).toMatch(/^GET http:\/\/agent-memory\.invalid: could not reach the API/);
  });

  it('throws NETWORK_ERROR when the server closes the connection without answering', async () => {
    // Prepare
    const { url, server } = await tcpServer((socket) => socket.destroy());
    cleanup.push(() => server.close());

    // Act
    const error = await failure(new MemoryClient({ baseUrl: url, apiKey: 'mem_live_x' }).memories.get('mem_1'));

    // Assess
    expect(error).toMatchObject({ status: 0, code: 'NETWORK_ERROR' });
  });

  it('throws a MemoryNetworkError with code TIMEOUT when no answer comes within timeoutMs', async () => {
    // Prepare: a server that accepts the connection and never answers.
    const { url, server, sockets } = await tcpServer();
    cleanup.push(() => (sockets.forEach((socket) => socket.destroy()), server.close()));

    // Act
    const error = await failure(new MemoryClient({ baseUrl: url, apiKey: 'mem_live_x', timeoutMs: 50 }).memories.search({ query: 'tea' }));

    // Assess
    expect(error).toBeInstanceOf(MemoryNetworkError);
    expect(error).toMatchObject({
      status: 0,
      code: 'TIMEOUT',
      message: expect.stringMatching(/^POST http:\/\/127\.0\.0\.1:\d+: no answer within 50 ms$/),
    });
  });

  it('throws TIMEOUT when the answer starts but its body stops coming', async () => {
    // Prepare: the status line and headers arrive, then half a body, then nothing.
    const { url, server, sockets } = await tcpServer((socket) =>
      socket.once('data', () => socket.write('HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 100\r\n\r\n{"data":')),
    );
    cleanup.push(() => (sockets.forEach((socket) => socket.destroy()), server.close()));

    // Act
    const error = await failure(new MemoryClient({ baseUrl: url, apiKey: 'mem_live_x', timeoutMs: 50 }).memories.list());

    // Assess
    expect(error).toMatchObject({ status: 0, code: 'TIMEOUT' });
  });

  it('still answers a 204 and an API error through the same path', async () => {
    // Prepare
    const answers = [
      new Response(null, { status: 204 }),
      new Response('{"error":{"code":"NOT_FOUND","message":"No memory","request_id":"r-1"}}', { status: 404 }),
    ];
    const client = new MemoryClient({
      baseUrl: 'http://api.example',
      apiKey: 'mem_live_x',
      fetch: async () => answers.shift() as Response,
    });

    // Act
    const deleted = await client.memories.delete('mem_1');
    const missing = await failure(client.memories.get('mem_1'));

    // Assess
    expect(deleted).toBeUndefined();
    expect(missing).not.toBeInstanceOf(MemoryNetworkError);
    expect(missing).toMatchObject({ status: 404, code: 'NOT_FOUND', message: 'No memory', requestId: 'r-1' });
  });
});
