import { useEffect, useSyncExternalStore } from 'react';
import type { ApiClient } from '../../api/api-client';
import { useApi } from '../../api/api-context';

/** One reading of the server's clock and when, on this device, it was asked and answered. */
export type ClockSample = { serverMs: number; sentAt: number; receivedAt: number };

export type ServerClock = {
  /** The server's time now (epoch ms), as well as this tab can tell; the device's until synced. */
  now(): number;
  /** Asks the server's time (again); concurrent calls share one request. */
  sync(): Promise<void>;
  synced(): boolean;
  /** Told when the estimate changes; returns the unsubscribe function. */
  subscribe(listener: () => void): () => void;
  /** Changes with every new estimate, for React's external store. */
  version(): number;
};

/**
 * A drop opens at the server's instant, and a device clock can be minutes off. The server's
 * time arrived somewhere between sending and receiving, so the middle of the round trip is the
 * best guess (off by at most half the round trip).
 */
export const createServerClock = (
  measure: () => Promise<ClockSample>,
  deviceNow: () => number = Date.now,
): ServerClock => {
  let offsetMs = 0;
  let version = 0;
  let syncing: Promise<void> | null = null;
  const listeners = new Set<() => void>();
  return {
    now: () => deviceNow() + offsetMs,
    sync() {
      syncing ??= measure()
        .then(({ serverMs, sentAt, receivedAt }) => {
          offsetMs = serverMs - (sentAt + receivedAt) / 2;
          version += 1;
          for (const listener of listeners) listener();
        })
        // Without an answer the device clock stands in; the server still decides at checkout.
        .catch(() => {})
        .finally(() => {
          syncing = null;
        });
      return syncing;
    },
    synced: () => version > 0,
    subscribe(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    version: () => version,
  };
};

/** `GET /api/health` carries the server's `time` (DESIGN §12). */
const measureWith =
  (api: ApiClient, deviceNow: () => number = Date.now) =>
  async (): Promise<ClockSample> => {
    const sentAt = deviceNow();
    const health = await api.json((s) => s.healthJsonSchema, { path: '/api/health' });
    const receivedAt = deviceNow();
    const serverMs = Date.parse(health.time);
    if (Number.isNaN(serverMs)) throw new Error(`not a time: ${health.time}`);
    return { serverMs, sentAt, receivedAt };
  };

const clocks = new WeakMap<ApiClient, ServerClock>();

/** One clock per API client (per tab), measured once when a page first needs it. */
export const serverClockOf = (api: ApiClient): ServerClock => {
  let clock = clocks.get(api);
  if (!clock) {
    clock = createServerClock(measureWith(api));
    clocks.set(api, clock);
  }
  return clock;
};

/** The server's clock, re-rendering the caller when its estimate changes. */
export const useServerClock = (): ServerClock => {
  const clock = serverClockOf(useApi());
  useSyncExternalStore(clock.subscribe, clock.version);
  useEffect(() => {
    if (!clock.synced()) void clock.sync();
  }, [clock]);
  return clock;
};
