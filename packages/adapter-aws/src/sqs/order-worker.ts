import { ChangeMessageVisibilityCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { OrderDelivery } from '@sellout/core/orders/handle-delivery';
import {
  DEFAULT_RETRY_POLICY,
  type RetryPolicy,
  retryDelayMs,
} from '@sellout/core/orders/redelivery-policy';
import type { DeliveryProgress } from './delivery-progress';
import { orderIdOfMessage } from './order-message';

/** What the worker reads of an SQS record (the shape of `SQSRecord` in a Lambda event). */
export type QueuedMessage = {
  messageId: string;
  receiptHandle: string;
  body: string;
  attributes: { ApproximateReceiveCount: string };
};

/** The Lambda's partial batch response: the messages to deliver again, by message id. */
export type BatchResponse = { batchItemFailures: { itemIdentifier: string }[] };

type WorkerLog = {
  warn(fields: object, message: string): void;
  error(fields: object, message: string): void;
};

export type OrderWorkerOptions = {
  /** Core's delivery use case (logged); throwing means "deliver again later". */
  deliver: (delivery: OrderDelivery) => Promise<unknown>;
  /** The queue's redrive `maxReceiveCount` (MAX_RECEIVE_COUNT): the attempt that is the last. */
  maxReceiveCount: number;
  /** The order queue, whose failed messages get their backoff as their visibility timeout. */
  sqs: { client: SQSClient; queueUrl: string };
  progress: DeliveryProgress;
  log: WorkerLog;
  retry?: RetryPolicy;
  random?: () => number;
};

/** SQS refuses a visibility timeout over 12 hours. */
const MAX_VISIBILITY_SECONDS = 12 * 60 * 60;

/**
 * One SQS batch of order messages: each order's delivery runs once, however many copies of its
 * message the batch holds, with the attempt from `ApproximateReceiveCount` and `lastAttempt` at
 * `maxReceiveCount` (after which SQS moves the message to the dead-letter queue). The answer
 * names exactly the messages whose delivery failed, so Lambda deletes the others. A failed
 * message is made visible again after the retry policy's backoff (not the queue's whole
 * visibility timeout), and the failure is recorded as progress for the sweeper. A message that
 * is no order message cannot succeed on any attempt: it is logged and acknowledged. An order
 * that is unknown or final is acknowledged by the use case itself.
 */
export const handleOrderMessages = async (
  options: OrderWorkerOptions,
  messages: readonly QueuedMessage[],
): Promise<BatchResponse> => {
  const retry = options.retry ?? DEFAULT_RETRY_POLICY;
  const random = options.random ?? Math.random;
  const byOrder = new Map<string, QueuedMessage[]>();
  for (const message of messages) {
    const orderId = orderIdOfMessage(message.body);
    if (orderId === null) {
      options.log.error({ messageId: message.messageId }, 'not an order message; dropped');
      continue;
    }
    byOrder.set(orderId, [...(byOrder.get(orderId) ?? []), message]);
  }

  const failed = await Promise.all(
    [...byOrder].map(async ([orderId, copies]) => {
      const attempt = Math.max(
        1,
        ...copies.map((m) => Number(m.attributes.ApproximateReceiveCount) || 1),
      );
      const delivery = { orderId, attempt, lastAttempt: attempt >= options.maxReceiveCount };
      try {
        await options.deliver(delivery);
        return [];
      } catch {
        // The processor has logged the failed step; what is left is to come back later.
        await afterFailure(options, copies, retryDelayMs(attempt, retry, random), orderId);
        return copies;
      }
    }),
  );
  return {
    batchItemFailures: failed.flat().map((message) => ({ itemIdentifier: message.messageId })),
  };
};

const afterFailure = async (
  options: OrderWorkerOptions,
  copies: readonly QueuedMessage[],
  delayMs: number,
  orderId: string,
) => {
  const seconds = Math.min(MAX_VISIBILITY_SECONDS, Math.ceil(delayMs / 1000));
  const steps = [
    options.progress.record(orderId),
    ...copies.map((message) =>
      options.sqs.client.send(
        new ChangeMessageVisibilityCommand({
          QueueUrl: options.sqs.queueUrl,
          ReceiptHandle: message.receiptHandle,
          VisibilityTimeout: seconds,
        }),
      ),
    ),
  ];
  // Best effort: without them the message still comes back, after the visibility timeout.
  for (const outcome of await Promise.allSettled(steps)) {
    if (outcome.status === 'rejected') {
      options.log.warn({ orderId, err: outcome.reason }, 'could not schedule the retry');
    }
  }
};
