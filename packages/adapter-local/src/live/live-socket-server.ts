import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { PONG_MESSAGE } from '@sellout/core/live/live-messages';
import type { TokenCheck } from '@sellout/core/sessions/token-check';
import { type WebSocket, WebSocketServer } from 'ws';
import type { InProcessLiveHub } from './in-process-live-hub';

export type LiveSocketOptions = {
  hub: InProcessLiveHub;
  /** The user a session token belongs to, or why it is refused. */
  verifyToken: (token: string) => TokenCheck;
  path?: string;
  pingIntervalMs?: number;
  /** Connections one address may hold at once (a whole office behind one NAT shares one). */
  maxConnectionsPerAddress?: number;
  onError?: (error: unknown) => void;
};

/** A client that cannot keep up is dropped rather than buffered without bound. */
const MAX_BUFFERED_BYTES = 1024 * 1024;
/** Clients only ever need to ping (every 25 s); more than this is abuse. */
const MESSAGE_BURST = 5;
const MESSAGES_PER_SECOND = 1;
const CLOSE_GRACE_MS = 1000;

const STATUS_TEXT = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
} as const;

/**
 * Answers an upgrade request with a plain HTTP error in the API's error shape, and hangs up.
 * Also used by the API Gateway WebSocket stand-in of `npm run start:aws-local`.
 */
export const refuseUpgrade = (
  socket: Duplex,
  status: keyof typeof STATUS_TEXT & number,
  code: string,
  message: string,
  headers = '',
) => {
  const body = JSON.stringify({ error: { code, message } });
  // Hang up once the answer is out, rather than waiting for the client to close its side.
  socket.once('finish', () => socket.destroy());
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_TEXT[status]}\r\nContent-Type: application/json\r\n${headers}` +
      `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
};

/** Path and token of a request target, without `new URL`, which throws on odd targets. */
const targetOf = (url: string | undefined) => {
  const target = url ?? '/';
  const query = target.indexOf('?');
  return {
    pathname: query === -1 ? target : target.slice(0, query),
    token: query === -1 ? null : new URLSearchParams(target.slice(query + 1)).get('token'),
  };
};

/**
 * Serves the live endpoint (DESIGN §7) on the same HTTP server as the API. `?token=` is
 * optional; a token that is present but not genuine, or expired, is refused with 401 rather than silently
 * downgraded, so a client notices its session is broken. The server pings every 30 s and
 * drops a client that did not answer the previous ping; clients may also send
 * {"type":"ping"} and get {"type":"pong"}, a few times a second at most.
 */
/**
 * Pings every socket each interval and ends the ones that did not answer the last ping: a
 * client gone without a close (a phone out of range) does not hold its slot for ever. `alive`
 * is set true on connect and on each pong by the caller.
 */
export const startHeartbeat = (
  sockets: () => Iterable<WebSocket>,
  alive: WeakMap<WebSocket, boolean>,
  intervalMs: number,
) => {
  const heartbeat = setInterval(() => {
    for (const ws of sockets()) {
      if (!alive.get(ws)) {
        ws.terminate();
        continue;
      }
      alive.set(ws, false);
      ws.ping();
    }
  }, intervalMs);
  heartbeat.unref();
  return heartbeat;
};

export const attachLiveSocket = (server: Server, options: LiveSocketOptions) => {
  const path = options.path ?? '/api/live';
  const maxPerAddress = options.maxConnectionsPerAddress ?? 256;
  const sockets = new WebSocketServer({ noServer: true, maxPayload: 4 * 1024 });
  const alive = new WeakMap<WebSocket, boolean>();
  const perAddress = new Map<string, number>();
  // A handshake the ws library refuses (a bad key, version or protocol header) gets the API's
  // error shape too; a bad version also says which ones are spoken (RFC 6455 §4.4).
  sockets.on('wsClientError', (error, socket) =>
    refuseUpgrade(
      socket,
      400,
      'VALIDATION_FAILED',
      `${error.message}.`,
      error.message.includes('Version') ? 'Sec-WebSocket-Version: 13\r\n' : '',
    ),
  );

  const release = (address: string) => {
    const left = (perAddress.get(address) ?? 1) - 1;
    if (left > 0) perAddress.set(address, left);
    else perAddress.delete(address);
  };

  const accept = (
    request: IncomingMessage,
    socket: Duplex,
    head: Buffer,
    userId: string | null,
  ) => {
    if (socket.destroyed) return;
    const address = request.socket.remoteAddress ?? 'unknown';
    perAddress.set(address, (perAddress.get(address) ?? 0) + 1);
    // Counted for as long as the connection lives, handshake included: a handshake that fails
    // ends with the TCP socket's close and never opens a WebSocket whose close could count it.
    socket.once('close', () => release(address));
    sockets.handleUpgrade(request, socket, head, (ws) => {
      alive.set(ws, true);
      const send = (message: string) => {
        if (ws.bufferedAmount > MAX_BUFFERED_BYTES) ws.terminate();
        else if (ws.readyState === ws.OPEN) ws.send(message);
      };
      const disconnect = options.hub.connect({ userId, send });
      let tokens = MESSAGE_BURST;
      let refilledAt = Date.now();
      ws.on('pong', () => alive.set(ws, true));
      ws.on('message', (data) => {
        const now = Date.now();
        tokens = Math.min(
          MESSAGE_BURST,
          tokens + ((now - refilledAt) / 1000) * MESSAGES_PER_SECOND,
        );
        refilledAt = now;
        if (tokens < 1) return ws.close(1008, 'too many messages');
        tokens -= 1;
        alive.set(ws, true);
        if (String(data) === '{"type":"ping"}') send(PONG_MESSAGE);
      });
      ws.on('close', disconnect);
      ws.on('error', (error) => options.onError?.(error));
    });
  };

  // Node hands every request with an Upgrade header here, whatever its target: nothing in it
  // may throw, or the whole server goes down.
  const onUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    try {
      if (request.headers.upgrade?.toLowerCase() !== 'websocket') {
        return refuseUpgrade(
          socket,
          400,
          'VALIDATION_FAILED',
          'Only WebSocket upgrades are served; send the request without an Upgrade header.',
        );
      }
      const { pathname, token } = targetOf(request.url);
      if (pathname !== path)
        return refuseUpgrade(
          socket,
          404,
          'NOT_FOUND',
          `No WebSocket endpoint at ${pathname}; connect to ${path}.`,
        );
      const check = token ? options.verifyToken(token) : null;
      if (check && check.kind !== 'valid') {
        const expired = check.kind === 'expired';
        return refuseUpgrade(
          socket,
          401,
          'UNAUTHORIZED',
          expired
            ? 'This guest session expired; connect without a token or with a new session.'
            : 'The token is not one this shop issued; connect without it or with a new session.',
          `WWW-Authenticate: Bearer realm="sellout", error="invalid_token"${
            expired ? ', error_description="The session expired"' : ''
          }\r\n`,
        );
      }
      const userId = check?.userId ?? null;
      if ((perAddress.get(request.socket.remoteAddress ?? 'unknown') ?? 0) >= maxPerAddress) {
        return refuseUpgrade(
          socket,
          429,
          'RATE_LIMITED',
          'Too many live connections from this address; close some tabs.',
        );
      }
      accept(request, socket, head, userId);
    } catch (error) {
      options.onError?.(error);
      socket.destroy();
    }
  };
  server.on('upgrade', onUpgrade);

  const heartbeat = startHeartbeat(() => sockets.clients, alive, options.pingIntervalMs ?? 30_000);

  return {
    /**
     * Stops accepting, says goodbye (1001 going away) and, a second later, cuts off whoever did
     * not answer — a phone asleep must not hold up a shutdown.
     */
    async close() {
      clearInterval(heartbeat);
      server.off('upgrade', onUpgrade);
      for (const ws of sockets.clients) ws.close(1001, 'server shutting down');
      const deadline = Date.now() + CLOSE_GRACE_MS;
      while (sockets.clients.size > 0 && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      for (const ws of sockets.clients) ws.terminate();
      await new Promise((resolve) => sockets.close(resolve));
    },
  };
};
