import type { Server } from 'node:http';
import { type AddressInfo, connect } from 'node:net';
import { serve } from '@hono/node-server';
import { pino } from 'pino';
import { describe, expect, it, onTestFinished, vi } from 'vitest';
import { answerClientErrorsInApiShape } from '../node/http-client-errors';
import { newShopper, openTestApp, storeState, userIdOf } from '../testing/test-app';

type LogLine = { level: number; msg: string; status?: number; aborted?: boolean; path?: string };

/** The app on a real Node HTTP server, as `npm start` serves it, with its log lines kept. */
const startServer = async () => {
  const lines: LogLine[] = [];
  const logger = pino({ level: 'info' }, { write: (line: string) => lines.push(JSON.parse(line)) });
  const t = await openTestApp({ store: 'memory', logger });
  const server = serve({ fetch: t.app.fetch, hostname: '127.0.0.1', port: 0 }) as Server;
  answerClientErrorsInApiShape(server);
  await new Promise((resolve) => server.once('listening', resolve));
  onTestFinished(() => new Promise<void>((resolve) => server.close(() => resolve())));
  // A response written after the client left would show up here.
  const responseErrors: unknown[] = [];
  server.on('request', (_request, response) => response.on('error', (e) => responseErrors.push(e)));
  return { t, lines, responseErrors, port: (server.address() as AddressInfo).port };
};

type HangUp = 'closes its side' | 'resets the connection';

/** Sends the start of a request, hangs up, and resolves with whatever came back. */
const sendHalfAndHangUp = (port: number, head: string, part: string, hangUp: HangUp) =>
  new Promise<string>((resolve) => {
    let answer = '';
    const socket = connect(port, '127.0.0.1', () => {
      socket.write(head + part);
      // Long enough for the server to be reading the body when the client goes.
      setTimeout(
        () => (hangUp === 'closes its side' ? socket.end() : socket.resetAndDestroy()),
        50,
      );
    });
    socket.on('data', (chunk) => {
      answer += chunk;
    });
    socket.on('close', () => resolve(answer));
    socket.on('error', () => undefined);
  });

const until = async (check: () => boolean) => {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
  expect(check()).toBe(true);
};

describe('a client that hangs up in the middle of its request body', () => {
  const framings = {
    'a Content-Length body': 'Content-Length: 1000\r\n\r\n',
    'a chunked body': 'Transfer-Encoding: chunked\r\n\r\n40\r\n',
  };
  const hangUps: HangUp[] = ['closes its side', 'resets the connection'];
  it.each(
    Object.entries(framings).flatMap(([name, framing]) =>
      hangUps.map((hangUp) => [name, hangUp, framing] as const),
    ),
  )(
    'with %s, that %s, is logged at info as aborted, not as a 500, and answered nothing',
    async (_, hangUp, framing) => {
      const { t, lines, responseErrors, port } = await startServer();
      // What Node's adapter prints when it fails to write an answer.
      const printed = vi.spyOn(console, 'error');
      const token = await newShopper(t.app);
      const before = await storeState(t.deps, [userIdOf(token)]);
      const head =
        `POST /api/cart HTTP/1.1\r\nHost: shop\r\nAuthorization: Bearer ${token}\r\n` +
        `Content-Type: application/json\r\n${framing}`;
      const part = `{"productId":"${t.products.plenty.id}"`;
      const answer = await sendHalfAndHangUp(port, head, part, hangUp);

      expect(answer).toBe('');
      await until(() => lines.some((line) => line.msg === 'request' && line.path === '/api/cart'));
      const logged = lines.find((line) => line.msg === 'request' && line.path === '/api/cart');
      expect(logged).toMatchObject({ level: 30, status: 499, aborted: true });
      expect(lines.filter((line) => line.level >= 50)).toEqual([]);
      expect(responseErrors).toEqual([]);
      expect(printed).not.toHaveBeenCalled();
      expect(await storeState(t.deps, [userIdOf(token)])).toEqual(before);
    },
  );

  it('leaves the server answering everyone else', async () => {
    const { port } = await startServer();
    const head = 'POST /api/session HTTP/1.1\r\nHost: shop\r\nContent-Length: 100\r\n\r\n';
    await sendHalfAndHangUp(port, head, '{', 'closes its side');
    const health = await fetch(`http://127.0.0.1:${port}/api/health`);
    expect(health.status).toBe(200);
  });
});
