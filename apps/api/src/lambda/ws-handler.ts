import type { APIGatewayProxyResultV2, APIGatewayProxyWebsocketEventV2 } from 'aws-lambda';
import type { AwsRuntime } from './aws-runtime';

/** `$connect`, `$disconnect`, `$default` of the WebSocket API (being built). */
export const createWebSocketHandler =
  (_runtime: AwsRuntime) =>
  async (_event: APIGatewayProxyWebsocketEventV2): Promise<APIGatewayProxyResultV2> => {
    throw new Error('the WebSocket handler is not built yet');
  };
