import type { SQSClient } from '@aws-sdk/client-sqs';
import type { Orders } from '@sellout/core/orders/orders-port';
import type { Clock } from '@sellout/core/shared/system';
import type { DeliveryProgress } from './delivery-progress';
import { sendOrderMessages } from './send-order-messages';

/** Orders looked at per sweep; an older backlog is worked off by the sweeps that follow. */
export const SWEEP_LIMIT = 200;

/**
 * The safety net under the stream relay: a PENDING order that is not stuck and has made no
 * progress for `sweepAfterMs` (placed, attempted or re-sent that long ago) may have lost its
 * message (a stream record that expired, a relay bug, a local queue that was killed), so it is
 * sent again. Each re-send is claimed first, so concurrent sweeps send an order once, and an
 * order whose retries are under way with backoff is left to them.
 */
export const sweepStalledOrders = async (options: {
  orders: Pick<Orders, 'listStalled'>;
  progress: DeliveryProgress;
  sqs: { client: SQSClient; queueUrl: string };
  clock: Clock;
  sweepAfterMs: number;
  limit?: number;
}): Promise<{ resent: string[] }> => {
  const quietSince = new Date(options.clock.now().getTime() - options.sweepAfterMs).toISOString();
  const stalled = await options.orders.listStalled({
    createdBefore: quietSince,
    limit: options.limit ?? SWEEP_LIMIT,
  });
  const claimed: string[] = [];
  for (const order of stalled) {
    if (await options.progress.claimResend(order.id, quietSince)) claimed.push(order.id);
  }
  const { failed } = await sendOrderMessages(options.sqs.client, options.sqs.queueUrl, claimed);
  if (failed.length > 0) {
    // Claimed but not sent: the next sweep after sweepAfterMs tries again.
    throw new Error(`the order queue refused re-sends of ${failed.join(', ')}`);
  }
  return { resent: claimed };
};
