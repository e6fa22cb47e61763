import type { SQSClient } from '@aws-sdk/client-sqs';
import { imagesOf, type StreamRecord } from '../dynamodb/stream-records';
import { sendOrderMessages } from './send-order-messages';

/** The order an orders-stream record commits, if it is a new PENDING order. */
const newOrderOf = (record: StreamRecord): string | null => {
  if (record.eventName !== 'INSERT') return null;
  const order = imagesOf(record).new;
  return order?.status?.S === 'PENDING' ? (order.pk?.S ?? null) : null;
};

/**
 * Relays the orders stream's INSERTs to the order queue: one message per new order, taken from
 * the committed order itself, so no order is committed without one and the request handler
 * never writes to two places. Returns the sequence number of the first record whose message
 * SQS did not take (Lambda retries the batch from there: records before it are done), or null.
 * A replayed batch sends its orders again, which the worker absorbs (ADR 60).
 */
export const relayNewOrders = async (
  sqs: { client: SQSClient; queueUrl: string },
  records: readonly StreamRecord[],
): Promise<{ relayed: string[]; retryFrom: string | null }> => {
  const inserts = records.flatMap((record) => {
    const orderId = newOrderOf(record);
    return orderId ? [{ orderId, sequence: record.dynamodb?.SequenceNumber ?? null }] : [];
  });
  if (inserts.length === 0) return { relayed: [], retryFrom: null };
  let failed: Set<string>;
  try {
    failed = new Set(
      (
        await sendOrderMessages(
          sqs.client,
          sqs.queueUrl,
          inserts.map((i) => i.orderId),
        )
      ).failed,
    );
  } catch {
    failed = new Set(inserts.map((i) => i.orderId));
  }
  const firstFailed = inserts.find((i) => failed.has(i.orderId));
  return {
    relayed: inserts.filter((i) => !failed.has(i.orderId)).map((i) => i.orderId),
    retryFrom: firstFailed ? (firstFailed.sequence ?? inserts[0]!.sequence) : null,
  };
};
