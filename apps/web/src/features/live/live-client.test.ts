import * as contract from '@sellout/core/contract/api-responses';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createFakeSockets } from '../../test/fake-socket';
import {
  BASE_DELAY_MS,
  createLiveClient,
  HEARTBEAT_MS,
  MAX_DELAY_MS,
  PONG_TIMEOUT_MS,
  reconnectDelay,
} from './live-client';
import { liveMessageParser } from './live-messages';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

const start = (random = () => 0.5) => {
  const sockets = createFakeSockets();
  const messages: unknown[] = [];
  const statuses: string[] = [];
  const reconnected = vi.fn();
  const client = createLiveClient({
    url: () => 'ws://shop.test/api/live',
    parse: liveMessageParser(contract),
    createSocket: sockets.create,
    onMessage: (message) => messages.push(message),
    onStatus: (status) => statuses.push(status),
    onReconnected: reconnected,
    random,
  });
  client.start();
  return { client, sockets, messages, statuses, reconnected };
};

describe('the live client', () => {
  it('passes stock and order messages on and ignores what it does not understand', () => {
    const { sockets, messages } = start();
    const socket = sockets.latest();
    socket.open();
    socket.receive({ type: 'stock', productId: 'p_1', stock: 3, version: 7 });
    socket.receive({ type: 'order', orderId: 'o_1', status: 'PROCESSED' });
    socket.receive({ type: 'confetti' });
    socket.onmessage?.({ data: 'not json' });
    expect(messages).toEqual([
      { type: 'stock', productId: 'p_1', stock: 3, version: 7 },
      { type: 'order', orderId: 'o_1', status: 'PROCESSED' },
    ]);
  });

  it('pings every 25 s and keeps the connection while pongs come back', () => {
    const { sockets } = start();
    const socket = sockets.latest();
    socket.open();

    vi.advanceTimersByTime(HEARTBEAT_MS);
    expect(socket.sent).toEqual([{ type: 'ping' }]);
    socket.receive({ type: 'pong' });

    vi.advanceTimersByTime(PONG_TIMEOUT_MS + 1);
    expect(socket.closedByClient).toBe(false);
    vi.advanceTimersByTime(HEARTBEAT_MS);
    expect(socket.sent).toHaveLength(2);
    expect(sockets.sockets).toHaveLength(1);
  });

  it('drops a connection that does not answer a ping within 10 s and connects again', () => {
    const { sockets, statuses } = start();
    const first = sockets.latest();
    first.open();

    vi.advanceTimersByTime(HEARTBEAT_MS + PONG_TIMEOUT_MS);
    expect(first.closedByClient).toBe(true);
    expect(statuses.at(-1)).toBe('closed');

    vi.advanceTimersByTime(BASE_DELAY_MS);
    expect(sockets.sockets).toHaveLength(2);
    expect(statuses.at(-1)).toBe('connecting');
  });

  it('reconnects with growing, jittered delays capped at 15 s', () => {
    const { sockets } = start(() => 1);
    const times: number[] = [];
    let last = Date.now();
    for (let attempt = 0; attempt < 8; attempt += 1) {
      sockets.latest().drop();
      const count = sockets.sockets.length;
      while (sockets.sockets.length === count) vi.advanceTimersByTime(10);
      times.push(Date.now() - last);
      last = Date.now();
    }
    expect(times).toEqual([500, 1000, 2000, 4000, 8000, 15000, 15000, 15000]);
  });

  it('spreads reconnects between half and all of the backoff', () => {
    expect(reconnectDelay(3, () => 0)).toBe(2000);
    expect(reconnectDelay(3, () => 1)).toBe(4000);
    expect(reconnectDelay(30, () => 0)).toBe(MAX_DELAY_MS / 2);
  });

  it('starts the backoff over after a connection opens, and asks for a repair', () => {
    const { sockets, reconnected } = start(() => 1);
    sockets.latest().drop();
    vi.advanceTimersByTime(500);
    sockets.latest().drop();
    vi.advanceTimersByTime(1000);
    sockets.latest().open();
    expect(reconnected).toHaveBeenCalledTimes(0);

    sockets.latest().drop();
    vi.advanceTimersByTime(499);
    expect(sockets.sockets).toHaveLength(3);
    vi.advanceTimersByTime(1);
    expect(sockets.sockets).toHaveLength(4);
    sockets.latest().open();
    expect(reconnected).toHaveBeenCalledTimes(1);
  });

  it('stays closed after stop', () => {
    const { client, sockets } = start();
    sockets.latest().open();
    client.stop();
    expect(sockets.latest().closedByClient).toBe(true);
    vi.advanceTimersByTime(60_000);
    expect(sockets.sockets).toHaveLength(1);
  });

  it('asks the url again on reconnect, so a new session token is used', () => {
    let token = 'a';
    const sockets = createFakeSockets();
    const client = createLiveClient({
      url: () => `ws://shop.test/api/live?token=${token}`,
      parse: liveMessageParser(contract),
      createSocket: sockets.create,
      onMessage: () => {},
    });
    client.start();
    token = 'b';
    client.reconnectNow();
    expect(sockets.sockets.map((s) => s.url)).toEqual([
      'ws://shop.test/api/live?token=a',
      'ws://shop.test/api/live?token=b',
    ]);
    expect(sockets.sockets[0]?.closedByClient).toBe(true);
  });
});
