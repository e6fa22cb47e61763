import { randomBytes, randomUUID } from 'node:crypto';
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { refuseUpgrade, startHeartbeat } from '@sellout/adapter-local/live/live-socket-server';
import type { APIGatewayProxyResultV2, APIGatewayProxyWebsocketEventV2, Context } from 'aws-lambda';
import { type WebSocket, WebSocketServer } from 'ws';
import { lambdaContext } from './lambda-events';
import type { ConnectionRegistry } from './management-api';

export type WebSocketHandler = (
  event: APIGatewayProxyWebsocketEventV2,
  context: Context,
) => Promise<APIGatewayProxyResultV2>;

type GatewayLog = {
  debug(fields: object, message: string): void;
  warn(fields: object, message: string): void;
};

type Connection = {
  ws: WebSocket;
  connectedAt: Date;
  lastActiveAt: Date;
  sourceIp: string;
  userAgent: string;
};

/** A client that cannot keep up is dropped rather than buffered without bound. */
const MAX_BUFFERED_BYTES = 1024 * 1024;
/** API Gateway's frame limit. */
const MAX_FRAME_BYTES = 32 * 1024;
const CLOSE_GRACE_MS = 1000;
const STAGE = 'local';
const API_ID = 'aws-local';

/** A connection id of API Gateway's shape (12 base64 characters and a `=`). */
const newConnectionId = () => `${randomBytes(9).toString('base64url')}=`;

const statusOf = (result: APIGatewayProxyResultV2) =>
  typeof result === 'string' ? 200 : (result.statusCode ?? 200);
const bodyOf = (result: APIGatewayProxyResultV2) =>
  typeof result === 'string' ? result : result.body;

/** A handshake API Gateway would refuse before invoking `$connect` (RFC 6455 §4.2.1). */
const isValidHandshake = (request: IncomingMessage) =>
  request.method === 'GET' &&
  request.headers['sec-websocket-version'] === '13' &&
  /^[+/0-9A-Za-z]{21}[AQgw]==$/.test(request.headers['sec-websocket-key'] ?? '');

/**
 * API Gateway's WebSocket API on the shop's own HTTP server (DESIGN §11): the storefront
 * connects to `/api/live` as it would to the deployed API, and each connection's life goes
 * through the real `main-lambda-ws` handler — `$connect` (with `?token=`; a non-2xx answer
 * refuses the upgrade with that status and body), `$default` for every message (a body in the
 * answer goes back to the client, as a route response does) and `$disconnect`. Messages to
 * clients come in through the Management API stand-in (`management-api.ts`), which the real
 * live-updates adapter posts to. Like the Node server's live socket, it pings every 30 s and
 * drops a client that did not answer the previous ping.
 */
export const createWebSocketGateway = (options: {
  handler: WebSocketHandler;
  region: string;
  log: GatewayLog;
  path?: string;
  pingIntervalMs?: number;
}) => {
  const path = options.path ?? '/api/live';
  const { log } = options;
  const sockets = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });
  const open = new Map<string, Connection>();
  const alive = new WeakMap<WebSocket, boolean>();
  const invocations = new Set<Promise<unknown>>();

  const invoke = (
    connectionId: string,
    route: '$connect' | '$default' | '$disconnect',
    extra: Partial<APIGatewayProxyWebsocketEventV2> & Record<string, unknown> = {},
  ) => {
    const now = Date.now();
    const event: APIGatewayProxyWebsocketEventV2 = {
      requestContext: {
        routeKey: route,
        messageId: route === '$default' ? randomBytes(9).toString('base64url') : '',
        eventType:
          route === '$connect' ? 'CONNECT' : route === '$default' ? 'MESSAGE' : 'DISCONNECT',
        extendedRequestId: randomUUID(),
        requestTime: new Date(now).toUTCString(),
        messageDirection: 'IN',
        stage: STAGE,
        connectedAt: open.get(connectionId)?.connectedAt.getTime() ?? now,
        requestTimeEpoch: now,
        requestId: randomUUID(),
        domainName: 'localhost',
        connectionId,
        apiId: API_ID,
      },
      isBase64Encoded: false,
      ...extra,
    };
    const run = options.handler(event, lambdaContext('ws', options.region, 30_000));
    invocations.add(run);
    void run.finally(() => invocations.delete(run)).catch(() => {});
    return run;
  };

  const disconnect = (connectionId: string) => {
    if (!open.delete(connectionId)) return;
    invoke(connectionId, '$disconnect').catch((error: unknown) =>
      log.warn({ err: error, connectionId }, 'the $disconnect handler failed'),
    );
  };

  const accept = (request: IncomingMessage, socket: Duplex, head: Buffer, connectionId: string) => {
    sockets.handleUpgrade(request, socket, head, (ws) => {
      const now = new Date();
      open.set(connectionId, {
        ws,
        connectedAt: now,
        lastActiveAt: now,
        sourceIp: request.socket.remoteAddress ?? 'unknown',
        userAgent: request.headers['user-agent'] ?? '',
      });
      alive.set(ws, true);
      ws.on('pong', () => alive.set(ws, true));
      ws.on('message', (data) => {
        const connection = open.get(connectionId);
        if (!connection) return;
        connection.lastActiveAt = new Date();
        alive.set(ws, true);
        invoke(connectionId, '$default', { body: String(data) }).then(
          (result) => {
            const body = bodyOf(result);
            if (body && ws.readyState === ws.OPEN) ws.send(body);
          },
          (error: unknown) => log.warn({ err: error, connectionId }, 'the $default handler failed'),
        );
      });
      ws.on('close', () => disconnect(connectionId));
      ws.on('error', (error) => log.debug({ err: error, connectionId }, 'live socket error'));
    });
  };

  const onUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    try {
      if (request.headers.upgrade?.toLowerCase() !== 'websocket') {
        return refuseUpgrade(
          socket,
          400,
          'VALIDATION_FAILED',
          'Only WebSocket upgrades are served.',
        );
      }
      const target = new URL(request.url ?? '/', 'http://localhost');
      if (target.pathname !== path) {
        return refuseUpgrade(
          socket,
          404,
          'NOT_FOUND',
          `No WebSocket endpoint at ${target.pathname}; connect to ${path}.`,
        );
      }
      if (!isValidHandshake(request)) {
        return refuseUpgrade(
          socket,
          400,
          'VALIDATION_FAILED',
          'Not a valid WebSocket handshake.',
          'Sec-WebSocket-Version: 13\r\n',
        );
      }
      const connectionId = newConnectionId();
      const query = Object.fromEntries(target.searchParams);
      invoke(connectionId, '$connect', {
        ...(Object.keys(query).length > 0 && { queryStringParameters: query }),
        headers: Object.fromEntries(
          Object.entries(request.headers).map(([name, value]) => [name, String(value)]),
        ),
      }).then(
        (result) => {
          const status = statusOf(result);
          if (socket.destroyed) {
            if (status < 300) void invoke(connectionId, '$disconnect').catch(() => {});
            return;
          }
          if (status < 300) return accept(request, socket, head, connectionId);
          const body = bodyOf(result);
          let error: { code?: string; message?: string } = {};
          try {
            error = (JSON.parse(body ?? '{}') as { error?: typeof error }).error ?? {};
          } catch {
            // Not the API's error shape: answered with a generic one.
          }
          refuseUpgrade(
            socket,
            status === 401 || status === 403 || status === 429 ? status : 400,
            error.code ?? 'VALIDATION_FAILED',
            error.message ?? 'The connection was refused.',
            status === 401
              ? 'WWW-Authenticate: Bearer realm="sellout", error="invalid_token"\r\n'
              : '',
          );
        },
        (error: unknown) => {
          log.warn({ err: error }, 'the $connect handler failed');
          refuseUpgrade(socket, 503, 'UNAVAILABLE', 'Live updates are unavailable; try again.');
        },
      );
    } catch (error) {
      log.warn({ err: error }, 'could not upgrade to a live socket');
      socket.destroy();
    }
  };

  const heartbeat = startHeartbeat(
    () => [...open.values()].map(({ ws }) => ws),
    alive,
    options.pingIntervalMs ?? 30_000,
  );

  const registry: ConnectionRegistry = {
    post(connectionId, data) {
      const connection = open.get(connectionId);
      if (!connection || connection.ws.readyState !== connection.ws.OPEN) return false;
      if (connection.ws.bufferedAmount > MAX_BUFFERED_BYTES) {
        connection.ws.terminate();
        return false;
      }
      connection.ws.send(data.toString('utf8'));
      return true;
    },
    describe(connectionId) {
      const connection = open.get(connectionId);
      return connection
        ? {
            connectedAt: connection.connectedAt,
            lastActiveAt: connection.lastActiveAt,
            sourceIp: connection.sourceIp,
            userAgent: connection.userAgent,
          }
        : null;
    },
    drop(connectionId) {
      const connection = open.get(connectionId);
      connection?.ws.close(1000, 'closed by the server');
      return connection !== undefined;
    },
  };

  let attached: Server | null = null;
  let closed = false;
  return {
    registry,
    /** Serves the live endpoint on the shop's HTTP server. */
    attach(server: Server) {
      attached = server;
      server.on('upgrade', onUpgrade);
    },
    /**
     * Stops accepting, says goodbye (1001), runs `$disconnect` for every connection (so the
     * connections table is left empty) and waits for the handlers in flight.
     */
    async close() {
      if (closed) return;
      closed = true;
      clearInterval(heartbeat);
      attached?.off('upgrade', onUpgrade);
      for (const { ws } of open.values()) ws.close(1001, 'server shutting down');
      const deadline = Date.now() + CLOSE_GRACE_MS;
      while (open.size > 0 && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      for (const [connectionId, { ws }] of open) {
        ws.terminate();
        disconnect(connectionId);
      }
      await Promise.allSettled([...invocations]);
      await new Promise((resolve) => sockets.close(resolve));
    },
  };
};
