import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { OrderDispatch } from '@sellout/core/orders/order-dispatch-port';
import type { DeliveryProgress } from './delivery-progress';
import { orderMessageBody } from './order-message';

/**
 * The admin retry's way to the worker: one more message on the order queue, with a fresh
 * receive count, so the order gets all its attempts again. Recorded as progress, so the
 * sweeper does not send it a second time while this one is on its way.
 */
export const createSqsOrderDispatch = (options: {
  client: SQSClient;
  queueUrl: string;
  progress: DeliveryProgress;
}): OrderDispatch => ({
  async resend(orderId) {
    // Progress first: if the send then fails, the caller sees it (the order stays stuck for
    // the admin to retry); the other way round, a failed write would fail a sent retry.
    await options.progress.record(orderId);
    await options.client.send(
      new SendMessageCommand({
        QueueUrl: options.queueUrl,
        MessageBody: orderMessageBody(orderId),
      }),
    );
  },
});
