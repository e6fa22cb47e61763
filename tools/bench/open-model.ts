import { Agent, request } from 'node:http';
import { sampleBuffer } from './stats';
import type { RequestSource } from './workloads';

/**
 * Generator-side ceiling on requests in flight. Far above anything a healthy run needs (at
 * 1,000/s it means 5 s of backlog); past it the agent queues requests, and since latency is
 * counted from the scheduled send time, that queueing shows in the percentiles rather than
 * hiding.
 */
const MAX_IN_FLIGHT = 5000;
/** A send this much after its scheduled time counts as late: the generator fell behind. */
const LATE_MS = 5;
const DRAIN_TIMEOUT_MS = 15_000;

export type OpenRun = {
  seconds: number;
  /** Answers received (failed requests are in `latencies` but not here). */
  answered: number;
  sent: number;
  lateSends: number;
  peakInFlight: number;
  latencies: Float64Array;
  statuses: Record<string, number>;
  errors: number;
};

/**
 * An open-model load: request i is due at start + i / rate, and goes out then whether or not
 * earlier requests were answered — every request gets a connection of its own when none is idle,
 * so a slow answer never holds back the next arrival (autocannon's `overallRate` cannot promise
 * this: each of its connections waits for its answer, and its per-connection budgets reset
 * together each second, which sends bursts). Latency runs from the scheduled time, not the actual
 * send, so a generator or server that falls behind cannot hide it (coordinated omission).
 */
export const runOpenModel = async (options: {
  origin: string;
  source: RequestSource;
  rate: number;
  seconds: number;
  agent: Agent;
  onSecond: (elapsedSeconds: number, answersInLastSecond: number) => void;
}): Promise<OpenRun> => {
  const { hostname, port } = new URL(options.origin);
  const interval = 1000 / options.rate;
  const total = Math.max(1, Math.round(options.rate * options.seconds));
  const latencies = sampleBuffer();
  const statuses: Record<string, number> = {};
  let sent = 0;
  let inFlight = 0;
  let peakInFlight = 0;
  let lateSends = 0;
  let answered = 0;
  let errors = 0;
  let answeredThisSecond = 0;
  let settle: () => void = () => {};
  const drained = new Promise<void>((resolve) => {
    settle = resolve;
  });
  const done = () => {
    inFlight--;
    if (sent === total && inFlight === 0) settle();
  };

  const send = (scheduledAt: number) => {
    const outgoing = options.source.next();
    const headers = { ...outgoing.headers };
    if (outgoing.body !== undefined)
      headers['content-length'] = String(Buffer.byteLength(outgoing.body));
    inFlight++;
    peakInFlight = Math.max(peakInFlight, inFlight);
    const req = request(
      {
        agent: options.agent,
        hostname,
        port,
        method: outgoing.method,
        path: outgoing.path,
        headers,
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          body += chunk;
        });
        res.on('end', () => {
          const status = res.statusCode ?? 0;
          latencies.push(performance.now() - scheduledAt);
          statuses[status] = (statuses[status] ?? 0) + 1;
          answered++;
          answeredThisSecond++;
          options.source.onAnswer(status, body);
          done();
        });
      },
    );
    req.setTimeout(10_000, () => req.destroy(new Error('timeout')));
    req.on('error', () => {
      // A request that failed (a timeout, a reset) still kept a buyer waiting this long; leaving
      // it out would make the percentiles of an overloaded server look better than its answers.
      latencies.push(performance.now() - scheduledAt);
      errors++;
      done();
    });
    req.end(outgoing.body);
  };

  const start = performance.now();
  let lastSecond = 0;
  await new Promise<void>((resolve) => {
    const tick = () => {
      const now = performance.now();
      const due = Math.min(total, Math.floor((now - start) / interval) + 1);
      while (sent < due) {
        const scheduledAt = start + sent * interval;
        if (now - scheduledAt > LATE_MS) lateSends++;
        sent++;
        send(scheduledAt);
      }
      const second = Math.floor((now - start) / 1000);
      if (second > lastSecond) {
        lastSecond = second;
        options.onSecond(second, answeredThisSecond);
        answeredThisSecond = 0;
      }
      if (sent < total) setTimeout(tick, Math.max(0, Math.min(1, start + sent * interval - now)));
      else resolve();
    };
    tick();
  });
  if (inFlight > 0) {
    await Promise.race([drained, new Promise((resolve) => setTimeout(resolve, DRAIN_TIMEOUT_MS))]);
  }
  return {
    seconds: (performance.now() - start) / 1000,
    answered,
    sent,
    lateSends,
    peakInFlight,
    latencies: latencies.values(),
    statuses,
    errors,
  };
};

export const openModelAgent = () =>
  new Agent({ keepAlive: true, maxSockets: MAX_IN_FLIGHT, scheduling: 'lifo' });
