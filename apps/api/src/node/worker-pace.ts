import { type EventLoopUtilization, performance } from 'node:perf_hooks';

/** How often the pace looks at the event loop. */
const SAMPLE_MS = 100;
/** The share of the event loop above which the worker is keeping buyers waiting. */
const BUSY = 0.8;
/** How long a rush may run with the worker at full concurrency before checkout goes first. */
const BURST_MS = 1_000;

/**
 * How many orders the in-process worker may process at once, so that it keeps up with a burst
 * but never starves checkout in a long rush (docs/decisions/0042). While the server answers
 * requests and its event loop is busy, a pressure builds up (and drains at half the rate when
 * it is not). Below `BURST_MS` of pressure the worker runs at full concurrency, so a burst's
 * confirmations follow its orders within moments. Beyond it acknowledgements come first: the
 * worker's concurrency halves while the loop is busier than `BUSY`, down to none (an order at a
 * time, processed back to back, is still a share of the core a loaded server lacks), and grows
 * by one while it is not, so the worker works off its backlog in whatever the buyers leave and
 * at full speed once they are gone.
 */
export const createWorkerPace = (options: {
  max: number;
  wake: () => void;
  /** The event loop's busy share since the last call; the real one unless a test passes its own. */
  utilization?: () => number;
}) => {
  const { max, wake, utilization: measure = loopUtilization() } = options;
  let limit = max;
  let pressureMs = 0;
  let requests = 0;

  const sample = () => {
    const utilization = measure();
    const serving = requests > 0;
    requests = 0;
    const busy = serving && utilization >= BUSY;
    if (!serving) pressureMs = 0;
    else
      pressureMs = Math.min(
        2 * BURST_MS,
        Math.max(0, pressureMs + (busy ? SAMPLE_MS : -SAMPLE_MS / 2)),
      );
    const before = limit;
    if (pressureMs <= BURST_MS) limit = max;
    else limit = busy ? Math.floor(limit / 2) : Math.min(max, limit + 1);
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

const loopUtilization = () => {
  let previous: EventLoopUtilization = performance.eventLoopUtilization();
  return () => {
    const now = performance.eventLoopUtilization();
    const { utilization } = performance.eventLoopUtilization(now, previous);
    previous = now;
    return utilization;
  };
};
