import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { openAwsRuntime } from './lambda/aws-runtime';
import { loadLambdaConfig } from './lambda/lambda-config';
import { lambdaLogger } from './lambda/lambda-logger';
import { createWorkerHandler } from './lambda/worker-handler';

/** SQS order queue → core's delivery use case, with partial batch failures (ADR 60). */
const config = loadLambdaConfig(process.env, 'worker');
const runtime = openAwsRuntime(config, lambdaLogger(config, 'worker'));

export const handler: (event: SQSEvent) => Promise<SQSBatchResponse> = createWorkerHandler(runtime);
