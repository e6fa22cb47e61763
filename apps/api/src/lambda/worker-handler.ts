import { handleOrderMessages } from '@sellout/adapter-aws/sqs/order-worker';
import type { RetryPolicy } from '@sellout/core/orders/redelivery-policy';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { buildDeliveryDeps } from '../wiring/build-deps';
import { createOrderProcessor } from '../worker/order-processor';
import type { AwsRuntime } from './aws-runtime';

/**
 * SQS batches of order messages → core's delivery use case, logged step by step as on every
 * runtime; the answer names exactly the messages to deliver again (ADR 60).
 */
export const createWorkerHandler = (
  runtime: AwsRuntime,
  options: { retry?: RetryPolicy; random?: () => number } = {},
) => {
  const { parts, config, clients, progress } = runtime;
  const log = parts.logger.child({ component: 'worker' });
  const deliver = createOrderProcessor(buildDeliveryDeps(parts), log);
  const queueUrl = config.QUEUE_URL;
  if (!queueUrl) throw new Error('the worker needs QUEUE_URL');
  return async (event: SQSEvent): Promise<SQSBatchResponse> =>
    handleOrderMessages(
      {
        deliver,
        maxReceiveCount: config.MAX_RECEIVE_COUNT,
        sqs: { client: clients.sqs, queueUrl },
        progress,
        log,
        ...options,
      },
      event.Records,
    );
};
