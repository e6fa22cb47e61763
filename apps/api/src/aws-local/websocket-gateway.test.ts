import { createServer, type Server } from 'node:http';
import { type AddressInfo, connect as connectTcp } from 'node:net';
import {
  DeleteConnectionCommand,
  GetConnectionCommand,
  GoneException,
  PostToConnectionCommand,
} from '@aws-sdk/client-apigatewaymanagementapi';
import { LOCAL_CREDENTIALS } from '@sellout/adapter-aws/aws-client-options';
import { createManagementClient } from '@sellout/adapter-aws/websocket/management-client';
import type { APIGatewayProxyWebsocketEventV2 } from 'aws-lambda';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startManagementApi } from './management-api';
import { createWebSocketGateway } from './websocket-gateway';

const quiet = { debug() {}, warn() {} };

type Event = APIGatewayProxyWebsocketEventV2 & { headers?: Record<string, string> };

/**
 * The API Gateway WebSocket stand-in with a recording handler in place of main-lambda-ws, and
 * the real SDK client of the Management API posting through it.
 */
describe('the WebSocket gateway of start:aws-local', () => {
  let server: Server;
  let url: string;
  let events: Event[];
  let gateway: ReturnType<typeof createWebSocketGateway>;
  let management: Awaited<ReturnType<typeof startManagementApi>>;
  const clients: WebSocket[] = [];

  beforeEach(async () => {
    events = [];
    gateway = createWebSocketGateway({
      region: 'us-east-1',
      log: quiet,
      handler: async (event: Event) => {
        events.push(event);
        if (event.queryStringParameters?.token === 'forged') {
          return {
            statusCode: 401,
            body: JSON.stringify({ error: { code: 'UNAUTHORIZED', message: 'Not ours.' } }),
          };
        }
        if (event.requestContext.routeKey === '$default' && event.body === '{"type":"ping"}') {
          return { statusCode: 200, body: '{"type":"pong"}' };
        }
        return { statusCode: 200 };
      },
    });
    management = await startManagementApi(gateway.registry);
    server = createServer((_request, response) => response.end());
    gateway.attach(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}/api/live`;
  });

  afterEach(async () => {
    for (const client of clients.splice(0)) client.terminate();
    await gateway.close();
    await management.close();
    await new Promise((resolve) => server.close(resolve));
  });

  const connect = async (query = '') => {
    const client = new WebSocket(`${url}${query}`);
    clients.push(client);
    const messages: string[] = [];
    client.on('message', (data) => messages.push(String(data)));
    await new Promise((resolve, reject) => client.once('open', resolve).once('error', reject));
    const connect = events.findLast((e) => e.requestContext.routeKey === '$connect')!;
    return { client, messages, connectionId: connect.requestContext.connectionId };
  };

  const managementClient = () =>
    createManagementClient({
      region: 'us-east-1',
      endpoint: `${management.endpoint}/local`,
      credentials: LOCAL_CREDENTIALS,
    });

  it('runs $connect with the token and headers, $default with each message (its answer goes back), and $disconnect', async () => {
    const { client, messages, connectionId } = await connect('?token=t_1');
    const [connected] = events;
    expect(connected).toMatchObject({
      requestContext: { routeKey: '$connect', eventType: 'CONNECT', connectionId, stage: 'local' },
      queryStringParameters: { token: 't_1' },
      isBase64Encoded: false,
    });
    expect(connected!.headers?.['sec-websocket-version']).toBe('13');
    expect(connectionId).toMatch(/^[A-Za-z0-9_-]{12}=$/);

    client.send('{"type":"ping"}');
    await expect.poll(() => messages).toEqual(['{"type":"pong"}']);
    expect(events[1]).toMatchObject({
      requestContext: { routeKey: '$default', eventType: 'MESSAGE', connectionId },
      body: '{"type":"ping"}',
    });

    client.close();
    await expect
      .poll(() => events.map((e) => e.requestContext.routeKey))
      .toEqual(['$connect', '$default', '$disconnect']);
  });

  it('refuses the upgrade with the status and error $connect answered', async () => {
    const refused = await new Promise<{ status: number; body: string }>((resolve) => {
      const client = new WebSocket(`${url}?token=forged`);
      client.once('unexpected-response', (_request, response) => {
        let body = '';
        response.on('data', (chunk) => {
          body += chunk;
        });
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
      });
    });
    expect(refused.status).toBe(401);
    expect(JSON.parse(refused.body)).toEqual({
      error: { code: 'UNAUTHORIZED', message: 'Not ours.' },
    });
  });

  it('delivers PostToConnection to the client, describes and deletes connections, and answers GoneException for unknown ones', async () => {
    const { client, messages, connectionId } = await connect();
    const api = managementClient();
    try {
      await api.send(
        new PostToConnectionCommand({
          ConnectionId: connectionId,
          Data: new TextEncoder().encode(
            '{"type":"stock","productId":"p_1","stock":3,"version":9}',
          ),
        }),
      );
      await expect
        .poll(() => messages)
        .toEqual(['{"type":"stock","productId":"p_1","stock":3,"version":9}']);
      const described = await api.send(new GetConnectionCommand({ ConnectionId: connectionId }));
      expect(described.Identity?.SourceIp).toBe('127.0.0.1');

      await expect(
        api.send(
          new PostToConnectionCommand({ ConnectionId: 'nobody=', Data: new Uint8Array([1]) }),
        ),
      ).rejects.toBeInstanceOf(GoneException);

      const closed = new Promise((resolve) => client.once('close', resolve));
      await api.send(new DeleteConnectionCommand({ ConnectionId: connectionId }));
      await closed;
      await expect(
        api.send(
          new PostToConnectionCommand({ ConnectionId: connectionId, Data: new Uint8Array([1]) }),
        ),
      ).rejects.toBeInstanceOf(GoneException);
    } finally {
      api.destroy();
    }
  });

  it('says goodbye to every client on close and runs their $disconnect', async () => {
    const { client } = await connect();
    const closed = new Promise<number>((resolve) => client.once('close', resolve));
    await gateway.close();
    expect(await closed).toBe(1001);
    expect(events.map((e) => e.requestContext.routeKey)).toEqual(['$connect', '$disconnect']);
  });

  it('answers a request that is not a WebSocket handshake with the API error shape', async () => {
    const port = (server.address() as AddressInfo).port;
    const response = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const socket = connectTcp(port, '127.0.0.1');
      let text = '';
      socket.on('data', (chunk: Buffer) => {
        text += chunk;
      });
      socket.on('end', () => {
        const [head = '', body = ''] = text.split('\r\n\r\n');
        resolve({ status: Number(head.split(' ')[1]), body });
      });
      socket.on('error', reject);
      socket.write(
        'GET /api/live HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n' +
          'Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: short\r\n\r\n',
      );
    });
    expect(response.status).toBe(400);
    expect(JSON.parse(response.body).error.code).toBe('VALIDATION_FAILED');
    expect(events).toEqual([]);
  });
});
