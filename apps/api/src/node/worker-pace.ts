import { type EventLoopUtilization, performance } from 'node:perf_hooks';

/** How often the pace looks at the event loop. */
const SAMPLE_MS = 100;
/** The share of the event loop above which the worker is keeping buyers waiting. */
const BUSY = 0.8;
/**
 * The same behind a backlog it cannot clear while the rush lasts: there every order it takes
 * is CPU the buyers' checkouts lack, so it takes only what leaves the loop half idle.
 */
const BUSY_BEHIND = 0.5;
/**
 * How many requests a busy server answers with the worker at full concurrency before checkout
 * goes first: a burst is a number of buyers, not a duration (docs/decisions/0080).
 */
export const BURST_REQUESTS = 2_000;
/** A calm sample gives back this much of the budget: all of it in 2 s of calm. */
const DRAIN_PER_SAMPLE = BURST_REQUESTS / 20;

/**
 * How many orders the in-process worker may process at once, so that it keeps up with a burst
 * but never starves checkout in a long rush (docs/decisions/0042, 0080). While the server
 * answers requests and its event loop is busy, every request it answers adds to a pressure
 * (a calm sample takes some off; it resets when requests stop). Up to `BURST_REQUESTS` of
 * pressure the worker runs at full concurrency, so a burst's confirmations follow its orders
 * within moments however long the machine takes to place them, unless more orders wait than
 * it has slots: that is a backlog (a rush's left-overs), not a burst it keeps up with. Past
 * the budget, or behind like that, acknowledgements come first: the worker's concurrency
 * halves while the loop is busier than `BUSY` (`BUSY_BEHIND` behind a backlog), down to none (an order at a time, processed
 * back to back, is still a share of the core a loaded server lacks), and grows by one while
 * it is not, so the worker works off its backlog in whatever the buyers leave and at full
 * speed once they are gone.
 */
export const createWorkerPace = (options: {
  max: number;
  wake: () => void;
  /**
   * The event loop's busy share since the last call; the real one, with the store's waits for
   * the disk counted as busy (`busyWithDisk`), unless a test passes its own.
   */
  utilization?: () => number;
  /** Milliseconds so far in which the store's writes waited for their fsync. */
  diskWaitMs?: () => number;
  /** Orders due and not claimed yet, counted up to `atMost` (the outbox's `countDue`). */
  due?: (atMost: number) => Promise<number>;
}) => {
  const { max, wake } = options;
  const measure = options.utilization ?? busyWithDisk(loopUtilization(), options.diskWaitMs);
  const due = options.due ?? (async () => 0);
  let limit = max;
  /** The backlog at the last sample: more than a full set of slots is no burst of its own. */
  let backlog = 0;
  let pressure = 0;
  let requests = 0;

  const sample = () => {
    const utilization = measure();
    const served = requests;
    requests = 0;
    const before = limit;
    if (served === 0) {
      // Nobody to leave room for: full speed, and no count read (an idle server reads nothing
      // ten times a second); a rush after a pause starts as a burst until its first count is in.
      pressure = 0;
      backlog = 0;
      limit = max;
    } else {
      const behind = backlog > max;
      const busy = utilization >= (behind ? BUSY_BEHIND : BUSY);
      pressure = Math.min(
        2 * BURST_REQUESTS,
        Math.max(0, pressure + (busy ? served : -DRAIN_PER_SAMPLE)),
      );
      due(max + 1).then(
        (count) => {
          backlog = count;
        },
        // A busy store: the last count stands until the next sample.
        () => {},
      );
      if (pressure <= BURST_REQUESTS && !behind) limit = max;
      else limit = busy ? Math.floor(limit / 2) : Math.min(max, limit + 1);
    }
    if (limit > before) wake();
  };
  const timer = setInterval(sample, SAMPLE_MS);
  timer.unref();

  return {
    /** The worker's concurrency now. */
    limit: () => limit,
    /** Call on every HTTP request the server receives. */
    noteRequest() {
      requests++;
    },
    stop() {
      clearInterval(timer);
    },
  };
};

export type WorkerPace = ReturnType<typeof createWorkerPace>;

/**
 * The loop's busy share plus the share of the time the store's writes waited for their fsync,
 * at most 1. That fsync runs off the loop (docs/decisions/0081); while it blocked the loop, the
 * loop's utilization counted it, and the pace's thresholds were set so. Buyers waiting for the
 * disk are buyers the worker's writes and CPU would keep waiting longer.
 */
export const busyWithDisk = (
  loop: () => number,
  diskWaitMs: (() => number) | undefined,
  now: () => number = () => performance.now(),
) => {
  if (!diskWaitMs) return loop;
  let lastAt = now();
  let lastWait = diskWaitMs();
  return () => {
    const at = now();
    const wait = diskWaitMs();
    const share = at > lastAt ? (wait - lastWait) / (at - lastAt) : 0;
    lastAt = at;
    lastWait = wait;
    return Math.min(1, loop() + share);
  };
};

const loopUtilization = () => {
  let previous: EventLoopUtilization = performance.eventLoopUtilization();
  return () => {
    const now = performance.eventLoopUtilization();
    const { utilization } = performance.eventLoopUtilization(now, previous);
    previous = now;
    return utilization;
  };
};
