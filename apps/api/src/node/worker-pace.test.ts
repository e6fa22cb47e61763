import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BURST_REQUESTS, busyWithDisk, createWorkerPace } from './worker-pace';

describe("the in-process worker's pace", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  /** A pace on a loop as busy as `load` says, answering `perSecond` requests while serving. */
  const pace = () => {
    const state = { load: 0, perSecond: 0, wakes: 0, due: 0 };
    const paced = createWorkerPace({
      max: 32,
      wake: () => state.wakes++,
      utilization: () => state.load,
      due: async (atMost) => Math.min(atMost, state.due),
    });
    // Requests arrive every 10 ms at the rate asked: the server notes each one.
    const timer = setInterval(() => {
      for (let i = 0; i < state.perSecond / 100; i++) paced.noteRequest();
    }, 10);
    const run = (ms: number) => vi.advanceTimersByTime(ms);
    const stop = () => {
      clearInterval(timer);
      paced.stop();
    };
    return { paced, state, run, stop };
  };

  it('runs at full concurrency through a burst, however long the machine takes to place it', async () => {
    const { paced, state, stop } = pace();
    state.load = 1;
    // Fewer requests than the budget, on a slow machine: over 6 seconds; the orders just placed
    // wait for the worker a moment, fewer than its slots.
    state.perSecond = 300;
    state.due = 20;
    await vi.advanceTimersByTimeAsync(6_000);
    expect(6 * 300).toBeLessThan(BURST_REQUESTS);
    expect(paced.limit()).toBe(32);
    stop();
  });

  it('gives checkout the priority at once to a rush that finds a backlog larger than its slots', async () => {
    const { paced, state, run, stop } = pace();
    state.due = 5_000;
    state.load = 1;
    state.perSecond = 300;
    await vi.advanceTimersByTimeAsync(1_000);
    expect(paced.limit()).toBe(0);
    // Once the buyers are gone, the backlog goes at full speed.
    state.perSecond = 0;
    run(200);
    expect(paced.limit()).toBe(32);
    stop();
  });

  it('behind a backlog, leaves a rush the loop unless it is half idle', async () => {
    const { paced, state, stop } = pace();
    state.due = 5_000;
    state.load = 0.7;
    state.perSecond = 2_000;
    await vi.advanceTimersByTimeAsync(2_000);
    expect(paced.limit()).toBe(0);
    state.load = 0.4;
    await vi.advanceTimersByTimeAsync(500);
    expect(paced.limit()).toBeGreaterThan(0);
    stop();
  });

  it('gives checkout the priority in a longer rush, down to no order at a time', () => {
    const { paced, state, run, stop } = pace();
    state.load = 1;
    state.perSecond = 3_000;
    // 1,500 requests: within the budget.
    run(500);
    expect(paced.limit()).toBe(32);
    run(500);
    expect(paced.limit()).toBeLessThan(32);
    run(1_000);
    expect(paced.limit()).toBe(0);
    stop();
  });

  it('grows again while buyers leave the loop time, and is back to full once they are gone', () => {
    const { paced, state, run, stop } = pace();
    state.load = 1;
    state.perSecond = 3_000;
    run(2_500);
    expect(paced.limit()).toBe(0);
    state.load = 0.5;
    run(300);
    expect(paced.limit()).toBeGreaterThan(0);
    expect(state.wakes).toBeGreaterThan(0);
    state.perSecond = 0;
    run(200);
    expect(paced.limit()).toBe(32);
    stop();
  });

  it('never holds the worker back while no request comes in, however busy the loop is', () => {
    const { paced, state, run, stop } = pace();
    state.load = 1;
    run(5_000);
    expect(paced.limit()).toBe(32);
    stop();
  });

  it('never holds the worker back while the loop has time to spare, however many requests come', () => {
    const { paced, state, run, stop } = pace();
    state.load = 0.5;
    state.perSecond = 5_000;
    run(5_000);
    expect(paced.limit()).toBe(32);
    stop();
  });

  it("counts the time the store's writes waited for their fsync as busy, up to all of it", () => {
    const clock = { at: 0, disk: 0, loop: 0.4 };
    const measure = busyWithDisk(
      () => clock.loop,
      () => clock.disk,
      () => clock.at,
    );
    clock.at = 100;
    clock.disk = 30;
    expect(measure()).toBeCloseTo(0.7);
    clock.at = 200;
    expect(measure()).toBeCloseTo(0.4);
    clock.at = 300;
    clock.disk = 120;
    clock.loop = 0.6;
    expect(measure()).toBe(1);
  });
});
