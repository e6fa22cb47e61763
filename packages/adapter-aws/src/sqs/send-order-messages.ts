import { SendMessageBatchCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { orderMessageBody } from './order-message';

/** SendMessageBatch takes at most 10 entries. */
const BATCH = 10;

/**
 * One message per order, sent in batches of ten. Returns the orders whose message SQS did not
 * take (a batch answers per entry); a call that fails whole throws. Sending an order twice is
 * harmless: the worker's every step is idempotent and a final order is acknowledged at once.
 */
export const sendOrderMessages = async (
  client: SQSClient,
  queueUrl: string,
  orderIds: readonly string[],
): Promise<{ failed: string[] }> => {
  const unique = [...new Set(orderIds)];
  const failed: string[] = [];
  for (let start = 0; start < unique.length; start += BATCH) {
    const chunk = unique.slice(start, start + BATCH);
    const { Failed } = await client.send(
      new SendMessageBatchCommand({
        QueueUrl: queueUrl,
        // Entry ids only pair answers with entries; order ids may hold characters they refuse.
        Entries: chunk.map((orderId, i) => ({
          Id: `m${i}`,
          MessageBody: orderMessageBody(orderId),
        })),
      }),
    );
    for (const failure of Failed ?? []) {
      const orderId = chunk[Number(failure.Id?.slice(1))];
      if (orderId !== undefined) failed.push(orderId);
    }
  }
  return { failed };
};
