import type { APIGatewayProxyResultV2, APIGatewayProxyWebsocketEventV2 } from 'aws-lambda';
import { openAwsRuntime } from './lambda/aws-runtime';
import { loadLambdaConfig } from './lambda/lambda-config';
import { lambdaLogger } from './lambda/lambda-logger';
import { createWebSocketHandler } from './lambda/ws-handler';

/**
 * The API Gateway WebSocket API's routes: `$connect` (with the optional `?token=`),
 * `$disconnect` and `$default` (pings), over the connections table (ADR 61).
 */
const config = loadLambdaConfig(process.env, 'ws');
const runtime = openAwsRuntime(config, lambdaLogger(config, 'ws'));

export const handler: (event: APIGatewayProxyWebsocketEventV2) => Promise<APIGatewayProxyResultV2> =
  createWebSocketHandler(runtime);
