import { StoreUnavailableError } from '@sellout/core/shared/store-unavailable-error';
import type { Database } from 'better-sqlite3';
import { BUSY_DEADLINE_MS, isLockTimeout, pauseBeforeRetry, storeBusy } from './retry-while-busy';
import type { Durability } from './wal-sync';

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
   * in a savepoint of its own, and settles once the group has committed and is durable: with what
   * `work` returned, or with what it threw, in which case its own statements were undone and
   * the other calls of the group were not touched. With `last`, it runs after every other
   * call of its group: it sees what they wrote (the worker claims the orders just placed).
   */
  run<T>(work: () => T, options?: { last?: boolean }): Promise<T>;
  /**
   * Settles once everything committed so far is durable: for a read that acknowledges a write
   * made earlier (an idempotent replay answers 201 for the order it finds).
   */
  durable(): Promise<void>;
  /** Commits what is queued now and makes it durable, without waiting (before closing). */
  flushNow(): void;
  /** Milliseconds so far with an fdatasync running (the time writes waited for the disk). */
  syncingMs(): number;
};

const syncFailed = (cause: unknown) =>
  new StoreUnavailableError('The store could not make its writes durable; it needs a restart.', {
    cause,
  });

/**
 * Group commit: the writes that arrive within one turn of the event loop (many checkouts of a
 * rush, the worker's status changes) share one `BEGIN IMMEDIATE … COMMIT`, and so one fsync,
 * instead of paying one each. When the other process holds the lock the group waits as one,
 * off the event loop, and calls arriving meanwhile join it (docs/decisions/0040).
 *
 * With `durability`, the fsync is that function's, off the event loop: a group's calls settle
 * once an fdatasync that started after its COMMIT has finished. The calls arriving while one
 * runs form the next group, committed once it is done, so the loop serves requests meanwhile
 * and the groups stay as large as with the fsync inside COMMIT (docs/decisions/0081). After a
 * failed one nothing is acknowledged any more: what the kernel failed to write may be gone from
 * its cache too, so a later fsync's success would prove nothing about it.
 */
export const createGroupCommit = (
  db: Database,
  options: {
    maxGroupSize?: number;
    /** Ends the read transaction this turn's reads share (turn-snapshot.ts), if one is open. */
    endReads?: () => void;
    /** Told the size of each group once it is committed, before its calls are answered. */
    onCommit?: (calls: number) => void;
    /** Makes commits durable; without it, a COMMIT is taken to be durable by itself. */
    durability?: Durability;
  } = {},
): GroupCommit => {
  const maxGroupSize = options.maxGroupSize ?? MAX_GROUP_SIZE;
  const endReads = options.endReads ?? (() => {});
  let queue: Call[] = [];
  let scheduled = false;
  let waitingForLock = false;
  let busyAttempts = 0;
  const durability = options.durability;
  /** Groups committed and waiting for the next fdatasync, and whether one is running. */
  let awaitingSync: ((failure: unknown) => void)[] = [];
  let syncing = false;
  let syncStartedAt = 0;
  let syncedMs = 0;
  let syncFailure: unknown;
  /** While flushNow runs: its own blocking fdatasync follows the commits. */
  let flushingNow = false;

  const syncNext = () => {
    const batch = awaitingSync;
    awaitingSync = [];
    syncing = true;
    syncStartedAt = performance.now();
    const done = (failure: unknown) => {
      syncing = false;
      syncedMs += performance.now() - syncStartedAt;
      syncFailure ??= failure;
      for (const settle of batch) settle(failure);
      if (awaitingSync.length > 0) syncNext();
      else if (queue.length > 0) schedule();
    };
    durability!.later().then(() => done(undefined), done);
  };
  /** Runs `settle` once everything committed so far is durable (or could not be made so). */
  const afterSync = (settle: (failure: unknown) => void) => {
    if (!durability) return settle(undefined);
    if (syncFailure !== undefined) return settle(syncFailure);
    awaitingSync.push(settle);
    if (!syncing && !flushingNow) syncNext();
  };

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
    // While an fdatasync runs, the calls arriving gather into the group that commits after it.
    if (scheduled || waitingForLock || syncing) return;
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
    if (syncFailure !== undefined) {
      for (const call of calls) call.reject(syncFailed(syncFailure));
      return;
    }
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
    afterSync((failure) => {
      for (const [i, call] of calls.entries()) {
        const outcome = outcomes[i]!;
        if (failure !== undefined) call.reject(syncFailed(failure));
        else if (outcome.ok) call.resolve(outcome.value);
        else call.reject(outcome.error);
      }
    });
    // The next group starts on the next turn: with `durability`, once this one's fdatasync is done.
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
    durable() {
      if (!durability || (!syncing && awaitingSync.length === 0 && syncFailure === undefined)) {
        return Promise.resolve();
      }
      return new Promise<void>((resolve, reject) =>
        afterSync((failure) => (failure === undefined ? resolve() : reject(syncFailed(failure)))),
      );
    },
    syncingMs: () => syncedMs + (syncing ? performance.now() - syncStartedAt : 0),
    flushNow() {
      flushingNow = true;
      try {
        while (queue.length > 0 && !waitingForLock) flush();
      } finally {
        flushingNow = false;
      }
      if (!durability || awaitingSync.length === 0) return;
      const batch = awaitingSync;
      awaitingSync = [];
      let failure: unknown;
      try {
        durability.now();
      } catch (error) {
        failure = error;
        syncFailure ??= error;
      }
      for (const settle of batch) settle(failure);
    },
  };
};
