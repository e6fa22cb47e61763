import { EVENT_WEIGHTS } from '@sellout/core/recommendations/interaction';
import type { Interactions } from '@sellout/core/recommendations/interactions-port';
import type { Database } from 'better-sqlite3';
import type { GroupCommit } from './group-commit';
import { retryWhileBusy } from './retry-while-busy';
import type { GuestDataTimes } from './sqlite-carts';

type Events = Parameters<Interactions['record']>[0];

const cutoffOf = ({ clock, guestDataTtlMs }: GuestDataTimes) =>
  new Date(clock.now().getTime() - guestDataTtlMs).toISOString();

/**
 * Adds events to the shoppers' interests inside the caller's transaction: `place` records an
 * order's purchases in its own commit, with no second write per checkout.
 */
export const prepareAddInterests = (db: Database, times: GuestDataTimes) => {
  // An upsert per event: the score grows, the row count does not. A score past the time to
  // live (not swept yet) starts again, as a deleted one would (ADR 45).
  const add = db.prepare<
    [{ userId: string; category: string; weight: number; at: string; cutoff: string }]
  >(
    `INSERT INTO user_interests (user_id, category, score, last_at)
     VALUES (@userId, @category, @weight, @at)
     ON CONFLICT (user_id, category) DO UPDATE SET
       score = CASE WHEN last_at > @cutoff THEN score + excluded.score ELSE excluded.score END,
       last_at = CASE WHEN last_at > @cutoff THEN max(last_at, excluded.last_at)
                 ELSE excluded.last_at END`,
  );
  return (events: Events) => {
    const cutoff = cutoffOf(times);
    for (const e of events) {
      const weight = EVENT_WEIGHTS[e.eventType];
      add.run({ userId: e.userId, category: e.category, weight, at: e.at, cutoff });
    }
  };
};

export const createSqliteInteractions = (
  db: Database,
  commits: GroupCommit,
  times: GuestDataTimes,
): Interactions => {
  const addInterests = prepareAddInterests(db, times);
  const select = db.prepare<[string, string], { category: string; score: number; last_at: string }>(
    'SELECT category, score, last_at FROM user_interests WHERE user_id = ? AND last_at > ?',
  );
  const removeIdle = db.prepare<[string, number]>(
    `DELETE FROM user_interests WHERE (user_id, category) IN
       (SELECT user_id, category FROM user_interests WHERE last_at <= ? LIMIT ?)`,
  );
  return retryWhileBusy<Interactions>({
    async record(events) {
      await commits.run(() => addInterests(events));
    },
    async categoryScores(userId) {
      return select
        .all(userId, cutoffOf(times))
        .map((row) => ({ category: row.category, score: row.score, lastAt: row.last_at }));
    },
    async removeIdle({ limit }) {
      return commits.run(() => removeIdle.run(cutoffOf(times), limit).changes);
    },
  });
};
