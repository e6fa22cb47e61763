import type { LiveEvent, LiveUpdates } from '@sellout/core/live/live-updates-port';
import type { Clock } from '@sellout/core/shared/system';
import type { Database } from 'better-sqlite3';

/** Events older than this are gone: a server that was down missed them anyway. */
const KEEP_MS = 60_000;

/**
 * Live updates across processes on one machine: `npm run worker` has no WebSocket clients, so
 * it writes its events to the database, and the server (started with WORKER=off) follows the
 * table and hands them to its in-process hub. A relay failure never fails the order processing
 * that published: the change is committed, and the next update repairs a missed one.
 */
export const createSqliteLiveRelay = (
  db: Database,
  clock: Clock,
  onError: (error: unknown) => void,
) => {
  const insert = db.prepare<[string, number]>('INSERT INTO live_events (event, at) VALUES (?, ?)');
  const after = db.prepare<[number], { id: number; event: string }>(
    'SELECT id, event FROM live_events WHERE id > ? ORDER BY id LIMIT 1000',
  );
  const lastId = db.prepare<[], number>('SELECT COALESCE(MAX(id), 0) FROM live_events').pluck();
  const prune = db.prepare<[number]>('DELETE FROM live_events WHERE at < ?');
  const insertAll = db.transaction((events: readonly LiveEvent[], at: number) => {
    for (const event of events) insert.run(JSON.stringify(event), at);
  });

  const publisher: LiveUpdates = {
    publish(events) {
      try {
        insertAll.immediate(events, clock.now().getTime());
      } catch (error) {
        onError(error);
      }
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
        if (++polls % 300 === 0) prune.run(clock.now().getTime() - KEEP_MS);
      } catch (error) {
        onError(error);
      }
    }, intervalMs);
    timer.unref();
    return () => clearInterval(timer);
  };

  return { publisher, follow };
};
