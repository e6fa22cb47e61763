import type { LiveEvent, LiveUpdates } from '../live/live-updates-port';
import type { Clock, IdPrefix, Ids } from '../shared/system';

/** A clock that only moves when told to. */
export const createFakeClock = (start = '2026-01-01T00:00:00.000Z') => {
  let now = new Date(start).getTime();
  return {
    now: () => new Date(now),
    advance(ms: number) {
      now += ms;
    },
  } satisfies Clock & { advance(ms: number): void };
};

/** Ids that sort in creation order, like the real ones: p_0000000001, p_0000000002, … */
export const createSequentialIds = (): Ids => {
  let next = 0;
  let numbers = 0;
  return {
    newId: (prefix: IdPrefix) => `${prefix}_${String(++next).padStart(10, '0')}`,
    newOrderNumber: () => {
      const digits = String(++numbers).padStart(8, '0');
      return `${digits.slice(0, 4)}-${digits.slice(4)}`;
    },
  };
};

/** Remembers what was published, for assertions. */
export const createRecordingLiveUpdates = () => {
  const events: LiveEvent[] = [];
  return {
    events,
    publish: (batch: readonly LiveEvent[]) => void events.push(...batch),
  } satisfies LiveUpdates & {
    events: LiveEvent[];
  };
};
