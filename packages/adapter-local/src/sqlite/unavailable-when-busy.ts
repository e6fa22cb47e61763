import { StoreUnavailableError } from '@sellout/core/shared/store-unavailable-error';
import Database from 'better-sqlite3';

/** Another connection (the worker process, a backup) held the lock past busy_timeout. */
const isLockTimeout = (error: unknown) =>
  error instanceof Database.SqliteError && /^SQLITE_(BUSY|LOCKED)/.test(error.code);

const isMethod = (member: unknown): member is (...args: unknown[]) => unknown =>
  typeof member === 'function';

/**
 * The port with SQLite's lock timeouts turned into StoreUnavailableError, which the API answers
 * with 503 and Retry-After: a shopper should retry a busy store, not see a 500.
 */
export const unavailableWhenBusy = <Port extends object>(port: Port): Port => {
  const guarded: Record<string, unknown> = {};
  for (const [name, member] of Object.entries(port) as [string, unknown][]) {
    guarded[name] = isMethod(member)
      ? async (...args: unknown[]) => {
          try {
            return await member.apply(port, args);
          } catch (error) {
            if (!isLockTimeout(error)) throw error;
            throw new StoreUnavailableError('The store is busy; try again shortly.', {
              cause: error,
            });
          }
        }
      : member;
  }
  // Same members with the same signatures, each still returning a promise of the same value.
  return guarded as Port;
};
