import type { DynamoDBBatchResponse, DynamoDBStreamEvent, ScheduledEvent } from 'aws-lambda';
import { openAwsRuntime } from './lambda/aws-runtime';
import { loadLambdaConfig } from './lambda/lambda-config';
import { lambdaLogger } from './lambda/lambda-logger';
import { createStreamHandler, createSweepHandler, type SweepReport } from './lambda/stream-handler';

/**
 * DynamoDB Streams of the orders and products tables → new orders relayed to SQS, live
 * messages to the WebSocket connections (ADR 60, 61); and, on an EventBridge schedule, the
 * sweeper that re-sends orders that made no progress.
 */
const config = loadLambdaConfig(process.env, 'stream');
const runtime = openAwsRuntime(config, lambdaLogger(config, 'stream'));

export const handler: (event: DynamoDBStreamEvent) => Promise<DynamoDBBatchResponse> =
  createStreamHandler(runtime);

export const sweep: (event: ScheduledEvent) => Promise<SweepReport> = createSweepHandler(runtime);
