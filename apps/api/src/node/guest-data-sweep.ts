import { setImmediate as nextTurn } from 'node:timers/promises';
import { sweepIdleGuestData } from '@sellout/core/sessions/sweep-idle-guest-data';
import type { Logger } from 'pino';
import type { StorePorts } from '../wiring/build-deps';

export const SWEEP_EVERY_MS = 60 * 60_000;
/** The first sweep waits until start-up (migrations, seeding) is well over. */
export const FIRST_SWEEP_AFTER_MS = 60_000;

/**
 * Deletes idle carts and interest scores once a minute after start and then every hour, one
 * run at a time, in batches with a turn of the event loop between them so requests go on
 * meanwhile (ADR 45). `stop` lets a run in progress end after its current batch.
 */
export const startGuestDataSweep = (
  store: Pick<StorePorts, 'carts' | 'interactions'>,
  logger: Logger,
) => {
  const log = logger.child({ component: 'guest-data-sweep' });
  let stopping = false;
  let running: Promise<void> | null = null;
  const run = async () => {
    const removed = await sweepIdleGuestData({
      ...store,
      keepGoing: async () => {
        await nextTurn();
        return !stopping;
      },
    });
    if (removed.carts > 0 || removed.interests > 0) log.info(removed, 'removed idle guest data');
  };
  const tick = () => {
    if (running || stopping) return;
    running = run()
      .catch((error: unknown) => log.warn({ err: error }, 'could not sweep guest data; will retry'))
      .finally(() => {
        running = null;
      });
  };
  const first = setTimeout(tick, FIRST_SWEEP_AFTER_MS);
  const every = setInterval(tick, SWEEP_EVERY_MS);
  // The sweep alone never keeps the process alive.
  first.unref();
  every.unref();
  return {
    async stop() {
      stopping = true;
      clearTimeout(first);
      clearInterval(every);
      await running;
    },
  };
};
