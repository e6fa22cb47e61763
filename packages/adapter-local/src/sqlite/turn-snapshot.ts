import type { Database } from 'better-sqlite3';

export type TurnSnapshot = {
  /** Opens this turn's read transaction unless one (or a write group's) is open already. */
  enter(): void;
  /** Ends this turn's read transaction, if it is open; before a write group begins. */
  end(): void;
};

/**
 * Reads share one read transaction per turn of the event loop. Outside a transaction every
 * SQLite statement is a read transaction of its own, and in WAL mode each takes and drops a
 * lock on the shared-memory file and checks the database's size: three system calls, about
 * three quarters of a catalog read's cost on these machines. The transaction ends when the
 * turn does (before the next group commit begins), so a read never sees data older than the
 * turn it runs in, and the other process's checkpoints are held up by no more than a turn.
 */
export const createTurnSnapshot = (db: Database): TurnSnapshot => {
  const begin = db.prepare('BEGIN');
  const commit = db.prepare('COMMIT');
  let open = false;
  const end = () => {
    if (!open) return;
    open = false;
    if (db.inTransaction) commit.run();
  };
  return {
    enter() {
      if (db.inTransaction || !db.open) return;
      begin.run();
      open = true;
      // Pending immediates keep the event loop from blocking in its poll, so this runs right
      // after the I/O of this turn, however idle the server is.
      setImmediate(end);
    },
    end,
  };
};

/** The port with each call made inside the turn's read transaction. */
export const inTurnSnapshot = <Port extends object>(snapshot: TurnSnapshot, port: Port): Port => {
  const wrapped: Record<string, unknown> = {};
  for (const [name, member] of Object.entries(port) as [string, unknown][]) {
    wrapped[name] =
      typeof member === 'function'
        ? (...args: unknown[]) => {
            snapshot.enter();
            return member.apply(port, args);
          }
        : member;
  }
  return wrapped as Port;
};
