import { ApiGatewayManagementApiClient } from '@aws-sdk/client-apigatewaymanagementapi';
import { type AwsClientOptions, clientConfig } from '../aws-client-options';

/**
 * The client that posts to WebSocket connections: `endpoint` is the stage's management URL,
 * `https://<api id>.execute-api.<region>.amazonaws.com/<stage>` (WEBSOCKET_ENDPOINT).
 */
export const createManagementClient = (
  options: AwsClientOptions & { endpoint: string },
): ApiGatewayManagementApiClient => new ApiGatewayManagementApiClient(clientConfig(options));
