import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { type WebSocket, WebSocketServer } from 'ws';
import type { InProcessLiveHub } from './in-process-live-hub';

export type LiveSocketOptions = {
  hub: InProcessLiveHub;
  /** The user a session token belongs to; null when it is not genuine. */
  verifyToken: (token: string) => string | null;
  path?: string;
  pingIntervalMs?: number;
  onError?: (error: unknown) => void;
};

/** A client that cannot keep up is dropped rather than buffered without bound. */
const MAX_BUFFERED_BYTES = 1024 * 1024;

const refuse = (socket: Duplex, status: string) => {
  socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
};

/**
 * Serves the live endpoint (DESIGN §7) on the same HTTP server as the API. `?token=` is
 * optional; a token that is present but not genuine is refused with 401 rather than silently
 * downgraded, so a client notices its session is broken. The server pings every 30 s and
 * drops a client that did not answer the previous ping; clients may also send
 * {"type":"ping"} and get {"type":"pong"}.
 */
export const attachLiveSocket = (server: Server, options: LiveSocketOptions) => {
  const path = options.path ?? '/api/live';
  const sockets = new WebSocketServer({ noServer: true, maxPayload: 4 * 1024 });
  const alive = new WeakMap<WebSocket, boolean>();

  const onUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (url.pathname !== path) return refuse(socket, '404 Not Found');
    const token = url.searchParams.get('token');
    const userId = token ? options.verifyToken(token) : null;
    if (token && !userId) return refuse(socket, '401 Unauthorized');
    sockets.handleUpgrade(request, socket, head, (ws) => {
      alive.set(ws, true);
      const disconnect = options.hub.connect({
        userId,
        send(message) {
          if (ws.bufferedAmount > MAX_BUFFERED_BYTES) ws.terminate();
          else if (ws.readyState === ws.OPEN) ws.send(message);
        },
      });
      ws.on('pong', () => alive.set(ws, true));
      ws.on('message', (data) => {
        alive.set(ws, true);
        if (String(data) === '{"type":"ping"}') ws.send('{"type":"pong"}');
      });
      ws.on('close', disconnect);
      ws.on('error', (error) => options.onError?.(error));
    });
  };
  server.on('upgrade', onUpgrade);

  const heartbeat = setInterval(() => {
    for (const ws of sockets.clients) {
      if (!alive.get(ws)) {
        ws.terminate();
        continue;
      }
      alive.set(ws, false);
      ws.ping();
    }
  }, options.pingIntervalMs ?? 30_000);
  heartbeat.unref();

  return {
    /** Closes every connection (going away) and stops accepting new ones. */
    close() {
      clearInterval(heartbeat);
      server.off('upgrade', onUpgrade);
      for (const ws of sockets.clients) ws.close(1001, 'server shutting down');
      sockets.close();
    },
  };
};
