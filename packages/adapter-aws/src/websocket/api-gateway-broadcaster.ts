import {
  type ApiGatewayManagementApiClient,
  GoneException,
  PostToConnectionCommand,
} from '@aws-sdk/client-apigatewaymanagementapi';
import { liveMessageOf } from '@sellout/core/live/live-messages';
import type { LiveEvent } from '@sellout/core/live/live-updates-port';
import type { Connection, Connections } from './connections';

/** Posts in flight at once: enough to fan out fast, few enough not to trip the API's limits. */
const CONCURRENCY = 32;

export type FanOutReport = { posted: number; pruned: number; failed: number };

type BroadcastLog = { warn(fields: object, message: string): void };

const runAll = async <T>(items: readonly T[], work: (item: T) => Promise<void>) => {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, items.length) }, worker));
};

/**
 * Per product the event with the highest version, in the order products first changed: the
 * coalescing of DESIGN §7 over whatever one call is given (on Lambda, one stream batch).
 */
export const coalesce = (events: readonly LiveEvent[]): LiveEvent[] => {
  const latest = new Map<string, LiveEvent>();
  const orders: LiveEvent[] = [];
  for (const event of events) {
    if (event.type === 'order') {
      orders.push(event);
      continue;
    }
    const key = `${event.type}#${event.productId}`;
    const seen = latest.get(key);
    if (!seen || (seen.type !== 'order' && seen.version <= event.version)) latest.set(key, event);
  }
  return [...latest.values(), ...orders];
};

/**
 * LiveUpdates over an API Gateway WebSocket API: each message is posted to its connections
 * through the Management API (`PostToConnection`); stock and drop messages to every open
 * connection, order messages to the owner's only. A connection API Gateway no longer knows
 * (`GoneException`: closed without `$disconnect`) is deleted; any other failure is counted
 * and logged, never thrown: the change it reports is committed, and the next one repairs it.
 */
export const createApiGatewayBroadcaster = (options: {
  management: ApiGatewayManagementApiClient;
  connections: Connections;
  log: BroadcastLog;
}) => {
  const { management, connections, log } = options;
  const encoder = new TextEncoder();

  const post = async (connectionId: string, message: string, report: FanOutReport) => {
    try {
      await management.send(
        new PostToConnectionCommand({
          ConnectionId: connectionId,
          Data: encoder.encode(message),
        }),
      );
      report.posted += 1;
    } catch (error) {
      if (error instanceof GoneException) {
        report.pruned += 1;
        await connections.remove(connectionId).catch((removeError: unknown) => {
          log.warn({ connectionId, err: removeError }, 'could not delete a gone connection');
        });
        return;
      }
      report.failed += 1;
      log.warn({ connectionId, err: error }, 'could not post a live message');
    }
  };

  return {
    /** Posts one message to one connection (the answer to a ping). */
    async postTo(connectionId: string, message: string): Promise<FanOutReport> {
      const report = { posted: 0, pruned: 0, failed: 0 };
      await post(connectionId, message, report);
      return report;
    },

    async send(events: readonly LiveEvent[]): Promise<FanOutReport> {
      const report = { posted: 0, pruned: 0, failed: 0 };
      const messages = coalesce(events);
      if (messages.length === 0) return report;
      const broadcast = messages.filter((e) => e.type !== 'order').map(liveMessageOf);
      let everyone: Connection[] = [];
      try {
        everyone = broadcast.length > 0 ? await connections.all() : [];
      } catch (error) {
        log.warn({ err: error }, 'could not read the connections');
        report.failed += broadcast.length;
      }
      const deliveries: { connectionId: string; message: string }[] = [];
      for (const connection of everyone) {
        for (const message of broadcast)
          deliveries.push({ connectionId: connection.connectionId, message });
      }
      for (const event of messages) {
        if (event.type !== 'order') continue;
        try {
          for (const connectionId of await connections.ofUser(event.userId)) {
            deliveries.push({ connectionId, message: liveMessageOf(event) });
          }
        } catch (error) {
          log.warn(
            { orderId: event.orderId, err: error },
            'could not read the owner’s connections',
          );
          report.failed += 1;
        }
      }
      // One connection's messages go in order (a product's drop before its stock, say).
      const byConnection = new Map<string, string[]>();
      for (const { connectionId, message } of deliveries) {
        byConnection.set(connectionId, [...(byConnection.get(connectionId) ?? []), message]);
      }
      await runAll([...byConnection], async ([connectionId, queued]) => {
        for (const message of queued) {
          const before = report.pruned;
          await post(connectionId, message, report);
          if (report.pruned > before) return;
        }
      });
      return report;
    },
  };
};

export type ApiGatewayBroadcaster = ReturnType<typeof createApiGatewayBroadcaster>;
