import { EVENT_WEIGHTS } from '@sellout/core/recommendations/interaction';
import type { Interactions } from '@sellout/core/recommendations/interactions-port';
import type { Database } from 'better-sqlite3';
import type { GroupCommit } from './group-commit';
import { retryWhileBusy } from './retry-while-busy';

type Events = Parameters<Interactions['record']>[0];

/**
 * Adds events to the shoppers' interests inside the caller's transaction: `place` records an
 * order's purchases in its own commit, with no second write per checkout.
 */
export const prepareAddInterests = (db: Database) => {
  // An upsert per event: the score grows, the row count does not.
  const add = db.prepare<[string, string, number, string]>(
    `INSERT INTO user_interests (user_id, category, score, last_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (user_id, category) DO UPDATE SET
       score = score + excluded.score,
       last_at = max(last_at, excluded.last_at)`,
  );
  return (events: Events) => {
    for (const e of events) add.run(e.userId, e.category, EVENT_WEIGHTS[e.eventType], e.at);
  };
};

export const createSqliteInteractions = (db: Database, commits: GroupCommit): Interactions => {
  const addInterests = prepareAddInterests(db);
  const select = db.prepare<[string], { category: string; score: number; last_at: string }>(
    'SELECT category, score, last_at FROM user_interests WHERE user_id = ?',
  );
  return retryWhileBusy<Interactions>({
    async record(events) {
      await commits.run(() => addInterests(events));
    },
    async categoryScores(userId) {
      return select
        .all(userId)
        .map((row) => ({ category: row.category, score: row.score, lastAt: row.last_at }));
    },
  });
};
