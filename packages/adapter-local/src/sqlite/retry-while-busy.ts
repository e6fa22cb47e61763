import { StoreUnavailableError } from '@sellout/core/shared/store-unavailable-error';
import Database from 'better-sqlite3';

/** How long an operation keeps retrying a lock held elsewhere before the API answers 503. */
export const BUSY_DEADLINE_MS = 5_000;

/** Another connection (the worker process, a backup) holds the write lock. */
export const isLockTimeout = (error: unknown) =>
  error instanceof Database.SqliteError && /^SQLITE_(BUSY|LOCKED)/.test(error.code);

/** The pause before retry `attempt` (0, 1, …): growing to 100 ms, half of it jitter. */
export const pauseBeforeRetry = (attempt: number) => {
  const ceiling = Math.min(100, 2 ** attempt);
  return new Promise((resolve) => setTimeout(resolve, ceiling / 2 + Math.random() * (ceiling / 2)));
};

export const storeBusy = (cause: unknown) =>
  new StoreUnavailableError('The store is busy; try again shortly.', { cause });

const isMethod = (member: unknown): member is (...args: unknown[]) => unknown =>
  typeof member === 'function';

/**
 * The port with waits for a lock held by another process moved off the event loop.
 * better-sqlite3 is synchronous, so SQLite's own busy handler would freeze every request of
 * the server while it waits; the connection's busy_timeout is therefore tiny, and here a busy
 * operation — which SQLite guarantees changed nothing — is retried after a short, growing,
 * jittered pause. Past the deadline it becomes StoreUnavailableError (503, Retry-After).
 * Writes wait for the lock inside the group commit (group-commit.ts) the same way; this covers
 * the reads and anything else that meets a busy lock.
 */
export const retryWhileBusy = <Port extends object>(port: Port): Port => {
  const guarded: Record<string, unknown> = {};
  for (const [name, member] of Object.entries(port) as [string, unknown][]) {
    guarded[name] = isMethod(member)
      ? async (...args: unknown[]) => {
          const deadline = Date.now() + BUSY_DEADLINE_MS;
          for (let attempt = 0; ; attempt++) {
            try {
              return await member.apply(port, args);
            } catch (error) {
              if (!isLockTimeout(error)) throw error;
              if (Date.now() >= deadline) throw storeBusy(error);
              await pauseBeforeRetry(attempt);
            }
          }
        }
      : member;
  }
  // Same members with the same signatures, each still returning a promise of the same value.
  return guarded as Port;
};
