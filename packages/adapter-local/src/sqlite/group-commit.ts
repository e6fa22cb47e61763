import type { Database } from 'better-sqlite3';
import { BUSY_DEADLINE_MS, isLockTimeout, pauseBeforeRetry, storeBusy } from './retry-while-busy';

/**
 * Calls sharing one transaction at most. A group holds the write lock while its calls run
 * (tens of microseconds each) and every caller waits for the whole group, so a cap keeps one
 * group's answers from waiting on a thousand others.
 */
export const MAX_GROUP_SIZE = 128;

type Call = {
  work: () => unknown;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
  /** Past it, a call still waiting for a lock held elsewhere is answered "unavailable". */
  deadline: number;
  /** Runs after the group's other calls. */
  last: boolean;
};

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

/** SQLite undid the whole transaction (disk full, I/O error): no call of the group is stored. */
class GroupRolledBack extends Error {
  constructor(readonly reason: unknown) {
    super('the group transaction was rolled back');
  }
}

export type GroupCommit = {
  /**
   * Runs `work` — synchronous statements on this connection — in the next group transaction,
   * in a savepoint of its own, and settles once the group has committed (fsynced): with what
   * `work` returned, or with what it threw, in which case its own statements were undone and
   * the other calls of the group were not touched. With `last`, it runs after every other
   * call of its group: it sees what they wrote (the worker claims the orders just placed).
   */
  run<T>(work: () => T, options?: { last?: boolean }): Promise<T>;
  /** Commits what is queued now, without waiting for the next turn (before closing). */
  flushNow(): void;
};

/**
 * Group commit: the writes that arrive within one turn of the event loop (many checkouts of a
 * rush, the worker's status changes) share one `BEGIN IMMEDIATE … COMMIT`, and so one fsync,
 * instead of paying one each. When the other process holds the lock the group waits as one,
 * off the event loop, and calls arriving meanwhile join it (docs/decisions/0040).
 */
export const createGroupCommit = (
  db: Database,
  options: {
    maxGroupSize?: number;
    /** Ends the read transaction this turn's reads share (turn-snapshot.ts), if one is open. */
    endReads?: () => void;
    /** Told the size of each group once it is committed, before its calls are answered. */
    onCommit?: (calls: number) => void;
  } = {},
): GroupCommit => {
  const maxGroupSize = options.maxGroupSize ?? MAX_GROUP_SIZE;
  const endReads = options.endReads ?? (() => {});
  let queue: Call[] = [];
  let scheduled = false;
  let waitingForLock = false;
  let busyAttempts = 0;

  // Inside the group's transaction better-sqlite3 runs this as SAVEPOINT … RELEASE, and as
  // ROLLBACK TO … RELEASE when `work` throws: one buyer's refusal never undoes another's order.
  const inSavepoint = db.transaction((work: () => unknown) => work());
  const commitGroup = db.transaction((calls: Call[]): Outcome[] =>
    calls.map((call): Outcome => {
      try {
        return { ok: true, value: inSavepoint(call.work) };
      } catch (error) {
        if (!db.inTransaction) throw new GroupRolledBack(error);
        return { ok: false, error };
      }
    }),
  );

  const schedule = () => {
    if (scheduled || waitingForLock) return;
    scheduled = true;
    // After the I/O callbacks of this turn: every request that arrived with it joins the group.
    setImmediate(flush);
  };

  /** The next group: up to the cap of calls in arrival order, then every call asking to be last. */
  const nextGroup = () => {
    const first: Call[] = [];
    const last: Call[] = [];
    const rest: Call[] = [];
    for (const call of queue) {
      if (call.last) last.push(call);
      else if (first.length < maxGroupSize) first.push(call);
      else rest.push(call);
    }
    queue = rest;
    return first.concat(last);
  };

  const flush = () => {
    scheduled = false;
    const calls = nextGroup();
    if (calls.length === 0) return;
    let outcomes: Outcome[];
    try {
      endReads();
      // Inside an open transaction better-sqlite3 would make this a SAVEPOINT, and its "commit"
      // a RELEASE: every caller answered before anything is durable. Refuse the whole group.
      if (db.inTransaction) throw new Error('group commit inside an open transaction');
      outcomes = commitGroup.immediate(calls);
    } catch (error) {
      // BEGIN IMMEDIATE (or COMMIT) met the other process's lock: nothing of the group was
      // stored, so the whole group is tried again a moment later.
      if (isLockTimeout(error)) return void waitForLock(calls, error);
      const reason = error instanceof GroupRolledBack ? error.reason : error;
      for (const call of calls) call.reject(reason);
      if (queue.length > 0) schedule();
      return;
    }
    busyAttempts = 0;
    options.onCommit?.(calls.length);
    for (const [i, call] of calls.entries()) {
      const outcome = outcomes[i]!;
      if (outcome.ok) call.resolve(outcome.value);
      else call.reject(outcome.error);
    }
    // The next group starts on the next turn, once these answers have gone out.
    if (queue.length > 0) schedule();
  };

  const waitForLock = async (calls: Call[], cause: unknown) => {
    const now = Date.now();
    const waiting = calls.filter((call) => {
      if (now < call.deadline) return true;
      call.reject(storeBusy(cause));
      return false;
    });
    // First in line when the lock frees; calls arriving meanwhile join behind them.
    queue = [...waiting, ...queue];
    waitingForLock = true;
    await pauseBeforeRetry(busyAttempts++);
    waitingForLock = false;
    flush();
  };

  return {
    run<T>(work: () => T, options?: { last?: boolean }) {
      return new Promise<T>((resolve, reject) => {
        queue.push({
          work,
          resolve: resolve as (value: unknown) => void,
          reject,
          deadline: Date.now() + BUSY_DEADLINE_MS,
          last: options?.last === true,
        });
        schedule();
      });
    },
    flushNow() {
      while (queue.length > 0 && !waitingForLock) flush();
    },
  };
};
