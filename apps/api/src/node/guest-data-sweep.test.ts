import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { createSqliteStore } from '@sellout/adapter-local/sqlite/sqlite-store';
import { createFakeClock } from '@sellout/core/testing/fake-system';
import { pino } from 'pino';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { TEST_TTLS } from '../testing/test-app';
import { FIRST_SWEEP_AFTER_MS, SWEEP_EVERY_MS, startGuestDataSweep } from './guest-data-sweep';

const TTL = TEST_TTLS.guestDataTtlMs;

const setup = () => {
  const dir = mkdtempSync(join(tmpdir(), 'sellout-sweep-'));
  const clock = createFakeClock();
  const store = createSqliteStore({ file: join(dir, 'sellout.db'), clock, guestDataTtlMs: TTL });
  const lines: Record<string, unknown>[] = [];
  const logger = pino(
    { level: 'info' },
    new Writable({
      write(chunk, _encoding, done) {
        lines.push(JSON.parse(String(chunk)));
        done();
      },
    }),
  );
  const guest = async (userId: string) => {
    await store.carts.addItem(userId, 'p_a', 1);
    await store.interactions.record([
      {
        userId,
        productId: 'p_a',
        category: 'audio',
        eventType: 'product-view',
        at: clock.now().toISOString(),
      },
    ]);
  };
  const swept = () =>
    lines
      .filter((line) => line.msg === 'removed idle guest data')
      .map(({ carts, interests }) => ({ carts, interests }));
  /**
   * What the sweep logged, once its run (started by a timer) has finished: its writes wait for
   * a real fdatasync in the thread pool, so for `runs` lines at most 5 s of real time, then 100
   * turns more for any line that should not come.
   */
  const sweptSoFar = async (runs = 0) => {
    const until = performance.now() + 5_000;
    while (swept().length < runs && performance.now() < until) {
      await new Promise((resolve) => setImmediate(resolve));
    }
    for (let turn = 0; turn < 100; turn++) await new Promise((resolve) => setImmediate(resolve));
    return swept();
  };
  return {
    clock,
    store,
    logger,
    guest,
    sweptSoFar,
    close() {
      store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
};

describe('the guest data sweep of the local runtime', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('removes idle carts and scores a minute after start, then every hour, until stopped', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });
    const t = setup();
    try {
      await t.guest('u_gone');
      t.clock.advance(TTL / 2);
      await t.guest('u_here');
      t.clock.advance(TTL / 2);
      const sweep = startGuestDataSweep(t.store, t.logger);

      await vi.advanceTimersByTimeAsync(FIRST_SWEEP_AFTER_MS - 1);
      expect(await t.sweptSoFar()).toEqual([]);
      await vi.advanceTimersByTimeAsync(1);
      expect(await t.sweptSoFar(1)).toEqual([{ carts: 1, interests: 1 }]);
      expect(await t.store.carts.get('u_here')).toEqual([{ productId: 'p_a', quantity: 1 }]);

      t.clock.advance(TTL / 2);
      await vi.advanceTimersByTimeAsync(SWEEP_EVERY_MS);
      expect(await t.sweptSoFar(2)).toEqual([
        { carts: 1, interests: 1 },
        { carts: 1, interests: 1 },
      ]);

      await sweep.stop();
      await t.guest('u_later');
      t.clock.advance(TTL);
      await vi.advanceTimersByTimeAsync(3 * SWEEP_EVERY_MS);
      expect(await t.sweptSoFar()).toHaveLength(2);
      expect(await t.store.carts.removeIdle({ limit: 10 })).toBe(1);
    } finally {
      t.close();
    }
  });
});
