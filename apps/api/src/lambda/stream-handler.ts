import { standInCredentials } from '@sellout/adapter-aws/aws-client-options';
import { relayNewOrders } from '@sellout/adapter-aws/sqs/order-relay';
import { sweepStalledOrders } from '@sellout/adapter-aws/sqs/sweeper';
import { createApiGatewayBroadcaster } from '@sellout/adapter-aws/websocket/api-gateway-broadcaster';
import { createConnections } from '@sellout/adapter-aws/websocket/connections';
import { createManagementClient } from '@sellout/adapter-aws/websocket/management-client';
import { liveEventsOfRecords } from '@sellout/adapter-aws/websocket/stream-live-events';
import type { LiveEvent } from '@sellout/core/live/live-updates-port';
import type { DynamoDBBatchResponse, DynamoDBStreamEvent, ScheduledEvent } from 'aws-lambda';
import type { AwsRuntime } from './aws-runtime';

export type SweepReport = { resent: number };

/** Where a batch's live messages go: API Gateway on AWS, the shop's own socket on one machine. */
export type Broadcast = (events: readonly LiveEvent[]) => Promise<unknown>;

/** The WebSocket API's connections, reached through its Management API (WEBSOCKET_ENDPOINT). */
export const apiGatewayBroadcast = (runtime: AwsRuntime): Broadcast => {
  const { config, clients, tables, parts } = runtime;
  if (!config.WEBSOCKET_ENDPOINT) throw new Error('the stream handler needs WEBSOCKET_ENDPOINT');
  const broadcaster = createApiGatewayBroadcaster({
    management: createManagementClient({
      region: config.AWS_REGION,
      endpoint: config.WEBSOCKET_ENDPOINT,
      // The real API is https and signs with the function's role; a stand-in takes any key.
      credentials: config.WEBSOCKET_ENDPOINT.startsWith('http:')
        ? standInCredentials(config.WEBSOCKET_ENDPOINT)
        : undefined,
    }),
    connections: createConnections({
      client: clients.dynamodb,
      table: tables.connections,
      clock: parts.clock,
    }),
    log: parts.logger.child({ component: 'live' }),
  });
  return broadcaster.send;
};

/**
 * The orders and products streams → new orders relayed to the order queue (first: the
 * pipeline must not wait on the fan-out), then the batch's live messages. A record whose order
 * message SQS did not take is reported, so Lambda retries from it; the live fan-out never fails
 * the batch, since what it reports is committed and the next change repairs a missed message.
 */
export const createStreamHandler = (
  runtime: AwsRuntime,
  options: { broadcast?: Broadcast } = {},
) => {
  const { config, clients, tables, store, parts } = runtime;
  const log = parts.logger.child({ component: 'stream' });
  const queueUrl = config.QUEUE_URL;
  if (!queueUrl) throw new Error('the stream handler needs QUEUE_URL');
  const broadcast = options.broadcast ?? apiGatewayBroadcast(runtime);
  return async (event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> => {
    const records = event.Records;
    const relay = await relayNewOrders({ client: clients.sqs, queueUrl }, records);
    if (relay.relayed.length > 0) log.info({ orders: relay.relayed }, 'order messages sent');
    if (relay.retryFrom !== null) {
      log.warn({ retryFrom: relay.retryFrom }, 'the order queue refused messages; retrying');
    }
    try {
      const events = await liveEventsOfRecords(records, { tables, catalog: store.catalog });
      if (events.length > 0) await broadcast(events);
    } catch (error) {
      log.warn({ err: error }, 'could not send the live messages of a batch');
    }
    return {
      batchItemFailures: relay.retryFrom === null ? [] : [{ itemIdentifier: relay.retryFrom }],
    };
  };
};

/** Re-sends PENDING orders with no progress for SWEEP_AFTER_MS (EventBridge, every minute). */
export const createSweepHandler = (runtime: AwsRuntime) => {
  const { config, clients, store, progress, parts } = runtime;
  const log = parts.logger.child({ component: 'sweeper' });
  const queueUrl = config.QUEUE_URL;
  if (!queueUrl) throw new Error('the sweeper needs QUEUE_URL');
  return async (_event?: ScheduledEvent): Promise<SweepReport> => {
    const { resent } = await sweepStalledOrders({
      orders: store.orders,
      progress,
      sqs: { client: clients.sqs, queueUrl },
      clock: parts.clock,
      sweepAfterMs: config.SWEEP_AFTER_MS,
    });
    if (resent.length > 0) log.warn({ orders: resent }, 're-sent orders that made no progress');
    return { resent: resent.length };
  };
};
