import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createWorkerPace } from './worker-pace';

describe("the in-process worker's pace", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  /** A pace on a loop as busy as `load` says, serving requests while `serving` is true. */
  const pace = () => {
    const state = { load: 0, serving: false, wakes: 0 };
    const paced = createWorkerPace({
      max: 32,
      wake: () => state.wakes++,
      utilization: () => state.load,
    });
    // Requests keep arriving while serving: the server notes each one.
    const timer = setInterval(() => state.serving && paced.noteRequest(), 10);
    const run = (ms: number) => vi.advanceTimersByTime(ms);
    const stop = () => {
      clearInterval(timer);
      paced.stop();
    };
    return { paced, state, run, stop };
  };

  it('runs at full concurrency through a burst of up to a second', () => {
    const { paced, state, run, stop } = pace();
    state.serving = true;
    state.load = 1;
    run(900);
    expect(paced.limit()).toBe(32);
    stop();
  });

  it('gives checkout the priority in a longer rush, down to no order at a time', () => {
    const { paced, state, run, stop } = pace();
    state.serving = true;
    state.load = 1;
    run(1_300);
    expect(paced.limit()).toBeLessThan(32);
    run(1_000);
    expect(paced.limit()).toBe(0);
    stop();
  });

  it('grows again while buyers leave the loop time, and is back to full once they are gone', () => {
    const { paced, state, run, stop } = pace();
    state.serving = true;
    state.load = 1;
    run(2_500);
    expect(paced.limit()).toBe(0);
    state.load = 0.5;
    run(300);
    expect(paced.limit()).toBeGreaterThan(0);
    expect(state.wakes).toBeGreaterThan(0);
    state.serving = false;
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
});
