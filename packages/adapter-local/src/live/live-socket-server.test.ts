import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { connect as connectTcp } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createInProcessLiveHub } from './in-process-live-hub';
import { attachLiveSocket } from './live-socket-server';

const servers: { server: Server; close(): void }[] = [];
afterEach(async () => {
  for (const { server, close } of servers.splice(0)) {
    close();
    await new Promise((resolve) => server.close(resolve));
  }
});

const start = async (pingIntervalMs = 30_000, maxConnectionsPerAddress = 256) => {
  const server = createServer((_req, res) => res.end('http'));
  const hub = createInProcessLiveHub({ coalesceMs: 50 });
  const live = attachLiveSocket(server, {
    hub,
    pingIntervalMs,
    maxConnectionsPerAddress,
    verifyToken: (token) =>
      token === 'good-token'
        ? { kind: 'valid', userId: 'u_owner' }
        : { kind: token === 'old-token' ? 'expired' : 'invalid' },
  });
  servers.push({ server, close: () => void live.close() });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { hub, live, port, url: `ws://127.0.0.1:${port}/api/live` };
};

/** Opens a socket and collects what it receives. */
const connect = async (url: string) => {
  const ws = new WebSocket(url);
  const messages: unknown[] = [];
  ws.on('message', (data) => messages.push(JSON.parse(String(data))));
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  return { ws, messages };
};

const until = async (check: () => boolean) => {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
  expect(check()).toBe(true);
};

describe('live WebSocket endpoint', () => {
  it('delivers stock to everyone and order status only to the owner, over real sockets', async () => {
    const { hub, url } = await start();
    const owner = await connect(`${url}?token=good-token`);
    const anonymous = await connect(url);
    await until(() => hub.clientCount() === 2);
    hub.publish([
      { type: 'stock', productId: 'p_1', stock: 4, version: 7 },
      { type: 'order', orderId: 'o_1', userId: 'u_owner', status: 'PROCESSED' },
    ]);
    await until(() => owner.messages.length === 2 && anonymous.messages.length === 1);
    expect(owner.messages).toEqual([
      { type: 'stock', productId: 'p_1', stock: 4, version: 7 },
      { type: 'order', orderId: 'o_1', status: 'PROCESSED' },
    ]);
    expect(anonymous.messages).toEqual([{ type: 'stock', productId: 'p_1', stock: 4, version: 7 }]);
    owner.ws.close();
    anonymous.ws.close();
    await until(() => hub.clientCount() === 0);
  });

  it('answers an application ping with a pong', async () => {
    const { url } = await start();
    const client = await connect(url);
    client.ws.send('{"type":"ping"}');
    await until(() => client.messages.length === 1);
    expect(client.messages).toEqual([{ type: 'pong' }]);
    client.ws.close();
  });

  it('refuses a forged or expired token with 401 and an unknown path with 404', async () => {
    const { url } = await start();
    const answerOf = (target: string) =>
      new Promise<{ status: number; challenge?: string | undefined }>((resolve) => {
        const ws = new WebSocket(target);
        ws.on('unexpected-response', (_req, res) =>
          resolve({ status: res.statusCode ?? 0, challenge: res.headers['www-authenticate'] }),
        );
        ws.on('open', () => resolve({ status: 101 }));
        ws.on('error', () => undefined);
      });
    expect(await answerOf(`${url}?token=forged`)).toEqual({
      status: 401,
      challenge: 'Bearer realm="sellout", error="invalid_token"',
    });
    expect(await answerOf(`${url}?token=old-token`)).toEqual({
      status: 401,
      challenge:
        'Bearer realm="sellout", error="invalid_token", error_description="The session expired"',
    });
    expect((await answerOf(url.replace('/api/live', '/api/elsewhere'))).status).toBe(404);
  });

  it('drops a client that stops answering pings', async () => {
    const { hub, url } = await start(50);
    const client = await connect(url);
    await until(() => hub.clientCount() === 1);
    // A client that never answers: stop the ws library from replying to pings.
    (client.ws as unknown as { pong: () => void }).pong = () => undefined;
    const socket = (client.ws as unknown as { _socket: { pause(): void } })._socket;
    socket.pause();
    await until(() => hub.clientCount() === 0);
  });
});

/** Sends raw bytes to the server and collects what comes back until it hangs up. */
const raw = (port: number, request: string) =>
  new Promise<string>((resolve) => {
    let answer = '';
    const socket = connectTcp(port, '127.0.0.1', () => socket.write(request));
    socket.on('data', (chunk) => {
      answer += chunk;
    });
    socket.on('close', () => resolve(answer));
    socket.on('error', () => resolve(answer));
  });

const upgrade = (target: string, protocol = 'websocket') =>
  `GET ${target} HTTP/1.1\r\nHost: x\r\nUpgrade: ${protocol}\r\nConnection: Upgrade\r\n` +
  'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n';

describe('live WebSocket endpoint under abuse', () => {
  it('survives upgrade requests with targets a URL parser rejects, and keeps serving', async () => {
    const { port, url } = await start();
    for (const target of [
      '//a:99999/api/live',
      '//[/api/live',
      'http://[/x',
      '/api/live?token=%E0%A4%A',
    ]) {
      const answer = await raw(port, upgrade(target));
      expect(answer).toMatch(/^HTTP\/1\.1 (400|401|404) /);
    }
    const client = await connect(url);
    client.ws.close();
  });

  it('refuses other upgrades (h2c) with 400 in the error shape', async () => {
    const { port } = await start();
    const answer = await raw(port, upgrade('/api/live', 'h2c'));
    expect(answer).toMatch(/^HTTP\/1\.1 400 Bad Request/);
    expect(answer).toContain('"code":"VALIDATION_FAILED"');
  });

  it('closes a client that floods messages instead of queueing pongs without bound', async () => {
    const { hub, url } = await start();
    const client = await connect(url);
    const closed = new Promise<number>((resolve) =>
      client.ws.once('close', (code) => resolve(code)),
    );
    for (let i = 0; i < 50; i++) client.ws.send('{"type":"ping"}');
    expect(await closed).toBe(1008);
    await until(() => hub.clientCount() === 0);
  });

  it('caps the connections one address may hold', async () => {
    const { url } = await start(30_000, 2);
    const first = await connect(url);
    const second = await connect(url);
    const status = await new Promise<number>((resolve) => {
      const third = new WebSocket(url);
      third.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      third.on('open', () => resolve(101));
      third.on('error', () => undefined);
    });
    expect(status).toBe(429);
    first.ws.close();
    second.ws.close();
  });

  it('gives the allowance back when a handshake fails: 300 bad upgrades, then a good one opens', async () => {
    const { port, url } = await start();
    const bad = [
      upgrade('/api/live').replace('dGhlIHNhbXBsZSBub25jZQ==', 'not-a-key'),
      upgrade('/api/live').replace('Version: 13', 'Version: 99'),
      upgrade('/api/live').replace('\r\n\r\n', '\r\nSec-WebSocket-Protocol: a b\r\n\r\n'),
    ];
    // In batches, so the test opens a bounded number of sockets at once.
    for (let batch = 0; batch < 6; batch++) {
      const answers = await Promise.all(
        Array.from({ length: 50 }, (_, i) => raw(port, bad[(batch * 50 + i) % bad.length]!)),
      );
      for (const answer of answers) {
        expect(answer).toMatch(/^HTTP\/1\.1 400 Bad Request/);
        expect(answer).toContain('"code":"VALIDATION_FAILED"');
        if (answer.includes('Version')) expect(answer).toContain('Sec-WebSocket-Version: 13\r\n');
      }
    }
    const client = await connect(url);
    client.ws.close();
  });

  it('cuts off a client that stopped reading when it closes, instead of waiting for it', async () => {
    const { hub, live, url } = await start();
    const client = await connect(url);
    await until(() => hub.clientCount() === 1);
    (client.ws as unknown as { _socket: { pause(): void } })._socket.pause();
    await live.close();
    // A polite close would still be waiting for this client's answer; it was terminated.
    await new Promise((resolve) => setImmediate(resolve));
    expect(hub.clientCount()).toBe(0);
  });
});
