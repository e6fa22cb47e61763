import { liveMessageOf } from '@sellout/core/live/live-messages';
import type { LiveEvent, LiveUpdates } from '@sellout/core/live/live-updates-port';
import { createStockCoalescer } from './stock-coalescer';

/** One connected client: anonymous (userId null) clients get stock updates only. */
export type LiveClient = { userId: string | null; send(message: string): void };

/**
 * LiveUpdates inside one process: use cases publish here, WebSocket connections subscribe.
 * Stock updates go to every client, coalesced per product; order updates go only to the
 * connections of the order's owner.
 */
export const createInProcessLiveHub = (
  options: {
    coalesceMs?: number;
    now?: () => number;
    onClientError?: (error: unknown) => void;
  } = {},
) => {
  const everyone = new Set<LiveClient>();
  const byUser = new Map<string, Set<LiveClient>>();

  // A failing client must not fail the checkout that published: the change is committed.
  const deliver = (client: LiveClient, message: string) => {
    try {
      client.send(message);
    } catch (error) {
      options.onClientError?.(error);
    }
  };

  const stock = createStockCoalescer({
    intervalMs: options.coalesceMs ?? 200,
    now: options.now ?? Date.now,
    emit: (event) => {
      const message = liveMessageOf(event);
      for (const client of everyone) deliver(client, message);
    },
  });

  return {
    publish(events: readonly LiveEvent[]) {
      for (const event of events) {
        if (event.type === 'stock') {
          stock.push(event);
          continue;
        }
        if (event.type === 'product') {
          // A rescheduled drop is rare and every client needs it: sent at once, not coalesced.
          const message = liveMessageOf(event);
          for (const client of everyone) deliver(client, message);
          continue;
        }
        const message = liveMessageOf(event);
        for (const client of byUser.get(event.userId) ?? []) deliver(client, message);
      }
    },
    /** Registers a client; returns the function that unregisters it. */
    connect(client: LiveClient) {
      everyone.add(client);
      if (client.userId) {
        const mine = byUser.get(client.userId) ?? new Set();
        mine.add(client);
        byUser.set(client.userId, mine);
      }
      return () => {
        everyone.delete(client);
        const mine = client.userId ? byUser.get(client.userId) : undefined;
        mine?.delete(client);
        if (client.userId && mine?.size === 0) byUser.delete(client.userId);
      };
    },
    clientCount: () => everyone.size,
    stop: () => stock.stop(),
  } satisfies LiveUpdates & Record<string, unknown>;
};

export type InProcessLiveHub = ReturnType<typeof createInProcessLiveHub>;
