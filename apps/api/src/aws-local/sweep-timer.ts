import { randomUUID } from 'node:crypto';
import { eventSourceDefinitions } from '@sellout/adapter-aws/resource-definitions';
import type { ScheduledEvent } from 'aws-lambda';

type SweepLog = {
  debug(fields: object, message: string): void;
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
};

/**
 * How often the sweeper runs here: EventBridge's schedule on AWS (every minute), but never
 * less often than twice per SWEEP_AFTER_MS, so a short setting (the crash test's) is honoured
 * on one machine, where a schedule can be as tight as one likes.
 */
export const sweepIntervalMs = (sweepAfterMs: number) =>
  Math.min(eventSourceDefinitions.sweeper.everyMinutes * 60_000, Math.ceil(sweepAfterMs / 2));

/**
 * The EventBridge schedule of the sweeper, on one machine: invokes main-lambda-stream's `sweep`
 * with a Scheduled Event at start and then every `everyMs`, one run at a time (a run that takes
 * longer than the interval makes the next one wait, as a reserved concurrency of 1 would).
 */
export const startSweepTimer = (options: {
  sweep: (event: ScheduledEvent) => Promise<{ resent: number }>;
  everyMs: number;
  region: string;
  log: SweepLog;
}) => {
  let running: Promise<void> | null = null;
  let stopped = false;
  const tick = () => {
    if (running || stopped) return;
    const event: ScheduledEvent = {
      version: '0',
      id: randomUUID(),
      'detail-type': 'Scheduled Event',
      source: 'aws.events',
      account: '000000000000',
      time: new Date().toISOString(),
      region: options.region,
      resources: [`arn:aws:events:${options.region}:000000000000:rule/sellout-sweeper`],
      detail: {},
    };
    running = options
      .sweep(event)
      .then(
        // The sweep handler logs the orders it re-sent; here only the quiet runs.
        (report) => {
          if (report.resent === 0)
            options.log.debug(report, 'swept: every pending order is progressing');
        },
        (error: unknown) =>
          options.log.warn({ err: error }, 'the sweeper failed; runs again later'),
      )
      .finally(() => {
        running = null;
      });
  };
  tick();
  const timer = setInterval(tick, options.everyMs);
  timer.unref();
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
};
