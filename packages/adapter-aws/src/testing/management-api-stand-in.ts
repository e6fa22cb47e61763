import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

const bodyOf = async (request: IncomingMessage) => {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
};

/**
 * The part of API Gateway's Management API the live fan-out uses, over real HTTP: `POST
 * /@connections/{id}` delivers to an open connection and answers 410 `GoneException` for any
 * other, as API Gateway does for a connection that closed. Nothing else of API Gateway has a
 * local stand-in; this one records what each connection received.
 */
export const startManagementApiStandIn = async () => {
  const open = new Set<string>();
  const received = new Map<string, string[]>();
  const server = createServer(async (request, response) => {
    const match = /^\/@connections\/([^/?]+)$/.exec(request.url ?? '');
    const body = await bodyOf(request);
    if (request.method !== 'POST' || !match) {
      response
        .writeHead(404, { 'Content-Type': 'application/json' })
        .end('{"message":"Not Found"}');
      return;
    }
    const connectionId = decodeURIComponent(match[1]!);
    if (!open.has(connectionId)) {
      response
        .writeHead(410, { 'Content-Type': 'application/json', 'x-amzn-ErrorType': 'GoneException' })
        .end('{"message":"Gone"}');
      return;
    }
    received.set(connectionId, [...(received.get(connectionId) ?? []), body]);
    response.writeHead(200).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    /** A client connected (API Gateway knows the connection). */
    connect: (connectionId: string) => void open.add(connectionId),
    /** The client went away without `$disconnect` reaching the shop. */
    drop: (connectionId: string) => void open.delete(connectionId),
    /** The messages a connection received, parsed. */
    receivedBy: (connectionId: string): unknown[] =>
      (received.get(connectionId) ?? []).map((text) => JSON.parse(text)),
    clear: () => received.clear(),
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
};
