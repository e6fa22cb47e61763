import { standInCredentials } from '@sellout/adapter-aws/aws-client-options';
import { createApiGatewayBroadcaster } from '@sellout/adapter-aws/websocket/api-gateway-broadcaster';
import { createConnections } from '@sellout/adapter-aws/websocket/connections';
import { createManagementClient } from '@sellout/adapter-aws/websocket/management-client';
import { PONG_MESSAGE } from '@sellout/core/live/live-messages';
import { DAY_MS } from '@sellout/core/shared/time';
import type { APIGatewayProxyResultV2, APIGatewayProxyWebsocketEventV2 } from 'aws-lambda';
import { createSessionTokens } from '../http/session-tokens';
import type { AwsRuntime } from './aws-runtime';

const refused = (status: 401, code: string, message: string): APIGatewayProxyResultV2 => ({
  statusCode: status,
  headers: { 'Content-Type': 'application/json' },
  body: JSON.stringify({ error: { code, message } }),
});

const OK: APIGatewayProxyResultV2 = { statusCode: 200 };

/**
 * The WebSocket API (DESIGN §7 on API Gateway): `$connect` registers the connection, with the
 * shopper of a valid `?token=` for their order messages — a token that is present but not
 * genuine, or expired, refuses the connection (401), as the local socket does; `$disconnect`
 * deletes it; `$default` answers `{"type":"ping"}` with `{"type":"pong"}` and ignores the rest.
 * API Gateway itself drops idle connections (10 minutes) and closes every one after 2 hours.
 */
export const createWebSocketHandler = (runtime: AwsRuntime) => {
  const { config, clients, tables, parts } = runtime;
  if (!config.SESSION_SECRET) throw new Error('the WebSocket handler needs SESSION_SECRET');
  const tokens = createSessionTokens({
    secret: config.SESSION_SECRET,
    clock: parts.clock,
    ttlMs: config.SESSION_TTL_DAYS * DAY_MS,
  });
  const connections = createConnections({
    client: clients.dynamodb,
    table: tables.connections,
    clock: parts.clock,
  });
  const log = parts.logger.child({ component: 'ws' });
  // The stage's Management API: configured, or the API's own domain and stage.
  const broadcasters = new Map<string, ReturnType<typeof createApiGatewayBroadcaster>>();
  const broadcasterFor = (endpoint: string) => {
    let broadcaster = broadcasters.get(endpoint);
    if (!broadcaster) {
      broadcaster = createApiGatewayBroadcaster({
        management: createManagementClient({
          region: config.AWS_REGION,
          endpoint,
          credentials: endpoint.startsWith('http:') ? standInCredentials(endpoint) : undefined,
        }),
        connections,
        log,
      });
      broadcasters.set(endpoint, broadcaster);
    }
    return broadcaster;
  };

  return async (event: APIGatewayProxyWebsocketEventV2): Promise<APIGatewayProxyResultV2> => {
    const { routeKey, connectionId, domainName, stage } = event.requestContext;
    if (routeKey === '$connect') {
      const token = event.queryStringParameters?.token;
      let userId: string | null = null;
      if (token !== undefined) {
        const check = tokens.check(token);
        if (check.kind === 'expired') {
          return refused(401, 'UNAUTHORIZED', 'This session has expired; start a new one.');
        }
        if (check.kind !== 'valid') {
          return refused(401, 'UNAUTHORIZED', 'The token is not one this shop issued.');
        }
        userId = check.userId;
      }
      await connections.add({ connectionId, userId });
      return OK;
    }
    if (routeKey === '$disconnect') {
      await connections.remove(connectionId);
      return OK;
    }
    if (event.body?.trim() === '{"type":"ping"}') {
      const endpoint = config.WEBSOCKET_ENDPOINT ?? `https://${domainName}/${stage}`;
      await broadcasterFor(endpoint).postTo(connectionId, PONG_MESSAGE);
    }
    return OK;
  };
};
