import { randomUUID } from 'node:crypto';
import type { Clock } from '@sellout/core/shared/system';
import type { Database } from 'better-sqlite3';
import type { Outbox, OutboxMessage } from '../outbox/outbox';
import type { GroupCommit } from './group-commit';
import { retryWhileBusy } from './retry-while-busy';

export const createSqliteOutbox = (db: Database, commits: GroupCommit, clock: Clock): Outbox => {
  // A claim is a lease, not a lock: if the worker holding it dies (kill -9, a crashed
  // `npm run worker`), `claimed_until` passes and the message is delivered again.
  const selectDue = db
    .prepare<[number, number, number], string>(
      `SELECT order_id FROM outbox
       WHERE dead_lettered_at IS NULL AND available_at <= ?
         AND (claimed_until IS NULL OR claimed_until <= ?)
       ORDER BY available_at LIMIT ?`,
    )
    .pluck();
  const countDue = db
    .prepare<[number, number, number], number>(
      `SELECT count(*) FROM (SELECT 1 FROM outbox
         WHERE dead_lettered_at IS NULL AND available_at <= ?
           AND (claimed_until IS NULL OR claimed_until <= ?)
         LIMIT ?)`,
    )
    .pluck();
  // A message never delivered before has no attempts and no error: a retry or a dead letter
  // leaves its error, and a requeue (which starts the attempts afresh) keeps it.
  const claim = db.prepare<
    [number, string, string],
    { attempts: number; last_error: string | null }
  >(
    `UPDATE outbox SET claimed_until = ?, claim_receipt = ?, attempts = attempts + 1
     WHERE order_id = ? RETURNING attempts, last_error`,
  );
  // Settling is conditional on the receipt: a worker whose lease expired and was re-claimed
  // by another must not ack, postpone or bury the newer delivery.
  const remove = db.prepare<[string, string]>(
    'DELETE FROM outbox WHERE order_id = ? AND claim_receipt = ?',
  );
  const postpone = db.prepare<[number, string, string, string]>(
    `UPDATE outbox SET available_at = ?, claimed_until = NULL, claim_receipt = NULL, last_error = ?
     WHERE order_id = ? AND claim_receipt = ?`,
  );
  const setAside = db.prepare<[number, string, string, string]>(
    `UPDATE outbox SET dead_lettered_at = ?, last_error = ?, claimed_until = NULL, claim_receipt = NULL
     WHERE order_id = ? AND claim_receipt = ?`,
  );
  const revive = db.prepare<[number, string]>(
    `UPDATE outbox SET dead_lettered_at = NULL, attempts = 0, available_at = ?, claimed_until = NULL
     WHERE order_id = ? AND dead_lettered_at IS NOT NULL`,
  );

  // Select and claim under the write lock (a group commit), so two workers (the server's and a
  // separate `npm run worker`) never claim the same message at once.
  const claimDue = (limit: number, visibilityMs: number): OutboxMessage[] => {
    const now = clock.now().getTime();
    return selectDue.all(now, now, limit).map((orderId) => {
      const receipt = randomUUID();
      const { attempts, last_error } = claim.get(now + visibilityMs, receipt, orderId)!;
      return {
        orderId,
        attempt: attempts,
        firstDelivery: attempts === 1 && last_error === null,
        receipt,
      };
    });
  };

  return retryWhileBusy<Outbox>({
    async claimDue(limit, visibilityMs, options) {
      return commits.run(() => claimDue(limit, visibilityMs), {
        last: options?.withQueuedWrites === true,
      });
    },
    async countDue(atMost) {
      const now = clock.now().getTime();
      return countDue.get(now, now, atMost) ?? 0;
    },
    async ack({ orderId, receipt }) {
      await commits.run(() => remove.run(orderId, receipt));
    },
    async retryLater({ orderId, receipt }, delayMs, error) {
      await commits.run(() =>
        postpone.run(clock.now().getTime() + delayMs, error, orderId, receipt),
      );
    },
    async deadLetter({ orderId, receipt }, error) {
      return commits.run(
        () => setAside.run(clock.now().getTime(), error, orderId, receipt).changes === 1,
      );
    },
    async requeue(orderId) {
      return commits.run(() => revive.run(clock.now().getTime(), orderId).changes === 1);
    },
  });
};
