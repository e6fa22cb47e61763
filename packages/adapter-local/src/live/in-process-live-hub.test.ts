import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createInProcessLiveHub, type LiveClient } from './in-process-live-hub';

const client = (userId: string | null) => {
  const received: unknown[] = [];
  return {
    userId,
    received,
    send: (message: string) => void received.push(JSON.parse(message)),
  } satisfies LiveClient & {
    received: unknown[];
  };
};

const stock = (productId: string, stockLeft: number, version: number) => ({
  type: 'stock' as const,
  productId,
  stock: stockLeft,
  version,
});

describe('in-process live hub', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('sends every client a stock change at once when the product was quiet', () => {
    const hub = createInProcessLiveHub({ now: Date.now });
    const anonymous = client(null);
    const shopper = client('u_1');
    hub.connect(anonymous);
    hub.connect(shopper);
    hub.publish([stock('p_1', 9, 2)]);
    expect(anonymous.received).toEqual([stock('p_1', 9, 2)]);
    expect(shopper.received).toEqual([stock('p_1', 9, 2)]);
  });

  it('coalesces a rush on one product to at most 5 messages a second, ending with the latest', () => {
    const hub = createInProcessLiveHub({ now: Date.now });
    const watcher = client(null);
    hub.connect(watcher);
    // 1,000 checkouts over one second: one every millisecond.
    for (let i = 1; i <= 1000; i++) {
      hub.publish([stock('p_hot', 1000 - i, i + 1)]);
      vi.advanceTimersByTime(1);
    }
    vi.advanceTimersByTime(1000);
    const versions = (watcher.received as { version: number }[]).map((m) => m.version);
    expect(versions.length).toBeGreaterThanOrEqual(5);
    expect(versions.length).toBeLessThanOrEqual(6);
    expect(watcher.received.at(-1)).toEqual(stock('p_hot', 0, 1001));
    expect([...versions].sort((a, b) => a - b)).toEqual(versions);
  });

  it('coalesces per product: a rush on one does not delay another', () => {
    const hub = createInProcessLiveHub({ now: Date.now });
    const watcher = client(null);
    hub.connect(watcher);
    hub.publish([stock('p_a', 5, 2), stock('p_a', 4, 3), stock('p_b', 7, 2)]);
    expect(watcher.received).toEqual([stock('p_a', 5, 2), stock('p_b', 7, 2)]);
    vi.advanceTimersByTime(200);
    expect(watcher.received.at(-1)).toEqual(stock('p_a', 4, 3));
  });

  it('never replaces a pending newer version with an older one arriving late', () => {
    const hub = createInProcessLiveHub({ now: Date.now });
    const watcher = client(null);
    hub.connect(watcher);
    hub.publish([stock('p_a', 5, 2), stock('p_a', 3, 4), stock('p_a', 4, 3)]);
    vi.advanceTimersByTime(200);
    expect(watcher.received).toEqual([stock('p_a', 5, 2), stock('p_a', 3, 4)]);
  });

  it("sends an order's status only to its owner's connections", () => {
    const hub = createInProcessLiveHub({ now: Date.now });
    const ownerTab1 = client('u_owner');
    const ownerTab2 = client('u_owner');
    const someoneElse = client('u_other');
    const anonymous = client(null);
    for (const c of [ownerTab1, ownerTab2, someoneElse, anonymous]) hub.connect(c);
    hub.publish([{ type: 'order', orderId: 'o_1', userId: 'u_owner', status: 'PROCESSED' }]);
    const expected = [{ type: 'order', orderId: 'o_1', status: 'PROCESSED' }];
    expect(ownerTab1.received).toEqual(expected);
    expect(ownerTab2.received).toEqual(expected);
    expect(someoneElse.received).toEqual([]);
    expect(anonymous.received).toEqual([]);
  });

  it('stops sending to a client that disconnected, and survives a client that throws', () => {
    const errors: unknown[] = [];
    const hub = createInProcessLiveHub({ now: Date.now, onClientError: (e) => errors.push(e) });
    const gone = client('u_1');
    const broken: LiveClient = {
      userId: 'u_1',
      send: () => {
        throw new Error('socket closed');
      },
    };
    const fine = client('u_1');
    const disconnect = hub.connect(gone);
    hub.connect(broken);
    hub.connect(fine);
    disconnect();
    hub.publish([{ type: 'order', orderId: 'o_1', userId: 'u_1', status: 'CANCELLED' }]);
    expect(gone.received).toEqual([]);
    expect(fine.received).toHaveLength(1);
    expect(errors).toHaveLength(1);
    expect(hub.clientCount()).toBe(2);
  });
});
