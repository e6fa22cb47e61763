import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the Management API needs of the gateway's open connections. */
export type ConnectionRegistry = {
  /** Sends `data` to the connection; false when it is not (or no longer) open. */
  post(connectionId: string, data: Buffer): boolean;
  describe(
    connectionId: string,
  ): { connectedAt: Date; lastActiveAt: Date; sourceIp: string; userAgent: string } | null;
  /** Closes the connection; false when there was none. */
  drop(connectionId: string): boolean;
};

/** A message larger than API Gateway's 128 KB is refused there too. */
const MAX_MESSAGE_BYTES = 128 * 1024;

const answer = (
  response: ServerResponse,
  status: number,
  body?: object,
  errorType?: 'GoneException' | 'PayloadTooLargeException' | 'BadRequestException',
) => {
  const text = body ? JSON.stringify(body) : '';
  response.writeHead(status, {
    ...(body && { 'content-type': 'application/json' }),
    // How restJson1 clients (the SDK) tell one error from another.
    ...(errorType && { 'x-amzn-errortype': errorType }),
    'content-length': Buffer.byteLength(text),
  });
  response.end(text);
};

const readBody = (request: IncomingMessage) =>
  new Promise<Buffer | null>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_MESSAGE_BYTES) chunks.push(chunk);
    });
    request.on('end', () => resolve(size > MAX_MESSAGE_BYTES ? null : Buffer.concat(chunks)));
    request.on('error', reject);
  });

/**
 * The API Gateway Management API of the WebSocket stand-in, on 127.0.0.1: `POST
 * /<stage>/@connections/<id>` (PostToConnection) sends the body to that client, `GET`
 * (GetConnection) describes it, `DELETE` (DeleteConnection) closes it. An unknown or closed
 * connection answers 410 GoneException, as API Gateway does, so the real adapter's pruning of
 * stale connections runs here too. Requests are not authenticated (any SigV4 signature does).
 */
export const startManagementApi = async (connections: ConnectionRegistry) => {
  const server = createServer((request, response) => {
    const match = /\/@connections\/([^/?]+)$/.exec((request.url ?? '').split('?')[0] ?? '');
    const id = match?.[1] ? decodeURIComponent(match[1]) : null;
    if (!id) return answer(response, 404, { message: 'Not Found' });
    const gone = () =>
      answer(response, 410, { message: `Connection ${id} is gone` }, 'GoneException');
    if (request.method === 'POST') {
      readBody(request).then(
        (data) => {
          if (data === null) {
            return answer(
              response,
              413,
              { message: 'Message too long' },
              'PayloadTooLargeException',
            );
          }
          return connections.post(id, data) ? answer(response, 200) : gone();
        },
        () => answer(response, 400, { message: 'Bad body' }, 'BadRequestException'),
      );
      return;
    }
    if (request.method === 'GET') {
      const found = connections.describe(id);
      if (!found) return gone();
      // The service's wire names (restJson1 `jsonName`s), which the SDK maps to its own.
      return answer(response, 200, {
        connectedAt: found.connectedAt.toISOString(),
        lastActiveAt: found.lastActiveAt.toISOString(),
        identity: { sourceIp: found.sourceIp, userAgent: found.userAgent },
      });
    }
    if (request.method === 'DELETE') return connections.drop(id) ? answer(response, 204) : gone();
    answer(response, 405, { message: 'Method Not Allowed' });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
};
