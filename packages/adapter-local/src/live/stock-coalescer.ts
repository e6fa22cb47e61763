import type { LiveEvent } from '@sellout/core/live/live-updates-port';

type StockEvent = Extract<LiveEvent, { type: 'stock' }>;

/**
 * Per product, lets at most one stock message through per `intervalMs` (200 ms = 5 a second)
 * and always sends the latest value last: a rush of 1,000 checkouts on one product becomes a
 * handful of messages per client, and the final one carries the true stock.
 */
export const createStockCoalescer = (options: {
  intervalMs: number;
  now: () => number;
  emit: (event: StockEvent) => void;
}) => {
  const products = new Map<
    string,
    { lastSentAt: number; pending: StockEvent | null; timer: NodeJS.Timeout | null }
  >();

  const flush = (productId: string) => {
    const state = products.get(productId);
    if (!state?.pending) return;
    const event = state.pending;
    state.pending = null;
    state.timer = null;
    state.lastSentAt = options.now();
    options.emit(event);
  };

  return {
    push(event: StockEvent) {
      const state = products.get(event.productId) ?? {
        lastSentAt: -Infinity,
        pending: null,
        timer: null,
      };
      products.set(event.productId, state);
      // Events can arrive out of order (two processes, a late publisher): keep the newest.
      if (state.pending && state.pending.version >= event.version) return;
      state.pending = event;
      const wait = state.lastSentAt + options.intervalMs - options.now();
      if (wait <= 0 && !state.timer) flush(event.productId);
      else state.timer ??= setTimeout(() => flush(event.productId), Math.max(0, wait));
    },
    stop() {
      for (const state of products.values()) if (state.timer) clearTimeout(state.timer);
      products.clear();
    },
  };
};
