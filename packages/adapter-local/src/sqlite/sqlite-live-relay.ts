import type { LiveEvent, LiveUpdates } from '@sellout/core/live/live-updates-port';
import type { Clock } from '@sellout/core/shared/system';
import type { Database } from 'better-sqlite3';
import type { TurnSnapshot } from './turn-snapshot';

/** Events older than this are gone: a server that was down missed them anyway. */
const KEEP_MS = 60_000;
/** Events kept while the database is busy; older ones are dropped first. */
const MAX_PENDING = 10_000;

/**
 * Live updates across processes on one machine: `npm run worker` has no WebSocket clients, so
 * it writes its events to the database, and the server (started with WORKER=off) follows the
 * table and hands them to its in-process hub. Both sides prune events older than a minute. A
 * relay failure never fails the order processing that published: the change is committed, and
 * the next update repairs a missed one.
 */
export const createSqliteLiveRelay = (
  db: Database,
  clock: Clock,
  onError: (error: unknown) => void,
  /** The store's shared read transaction, ended before each write of the relay's own. */
  snapshot?: TurnSnapshot,
) => {
  const endReads = () => snapshot?.end();
  const insert = db.prepare<[string, number]>('INSERT INTO live_events (event, at) VALUES (?, ?)');
  const after = db.prepare<[number], { id: number; event: string }>(
    'SELECT id, event FROM live_events WHERE id > ? ORDER BY id LIMIT 1000',
  );
  const lastId = db.prepare<[], number>('SELECT COALESCE(MAX(id), 0) FROM live_events').pluck();
  const prune = db.prepare<[number]>('DELETE FROM live_events WHERE at < ?');
  // Pruning is housekeeping: when the lock is busy it simply happens next time.
  const pruneQuietly = () => {
    try {
      endReads();
      prune.run(clock.now().getTime() - KEEP_MS);
    } catch {}
  };
  const insertAll = db.transaction((events: readonly LiveEvent[], at: number) => {
    for (const event of events) insert.run(JSON.stringify(event), at);
  });

  // Events wait here until written: a write that meets the server's lock is tried again a
  // moment later instead of blocking (or failing) the order processing that published.
  let pending: LiveEvent[] = [];
  let flushing: NodeJS.Timeout | null = null;
  let writes = 0;
  const flush = () => {
    flushing = null;
    try {
      // Not a group commit: a busy lock is reported and retried here at once, and the events
      // wait in memory meanwhile (the order processing that published goes on).
      endReads();
      insertAll.immediate(pending, clock.now().getTime());
      pending = [];
    } catch (error) {
      if (pending.length > MAX_PENDING) pending = pending.slice(-MAX_PENDING);
      onError(error);
      flushing = setTimeout(flush, 50);
      return;
    }
    if (++writes % 100 === 0) pruneQuietly();
  };
  const publisher: LiveUpdates = {
    publish(events) {
      pending.push(...events);
      if (!flushing) flushing = setTimeout(flush, 0);
    },
  };

  /** Hands every event written from now on to `deliver`; returns the function that stops. */
  const follow = (deliver: LiveUpdates, intervalMs = 200) => {
    let seen = lastId.get() ?? 0;
    let polls = 0;
    const timer = setInterval(() => {
      try {
        const rows = after.all(seen);
        if (rows.length > 0) {
          seen = rows.at(-1)!.id;
          deliver.publish(rows.map((row) => JSON.parse(row.event) as LiveEvent));
        }
        if (++polls % 300 === 0) pruneQuietly();
      } catch (error) {
        onError(error);
      }
    }, intervalMs);
    timer.unref();
    return () => clearInterval(timer);
  };

  return { publisher, follow };
};
