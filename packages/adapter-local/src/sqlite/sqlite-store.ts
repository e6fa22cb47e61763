import type { Carts } from '@sellout/core/carts/carts-port';
import type { Catalog } from '@sellout/core/catalog/catalog-port';
import type { Orders } from '@sellout/core/orders/orders-port';
import type { Interactions } from '@sellout/core/recommendations/interactions-port';
import type { Clock } from '@sellout/core/shared/system';
import type { Outbox } from '../outbox/outbox';
import { createGroupCommit } from './group-commit';
import { IN_MEMORY, openDatabase } from './open-database';
import { createSqliteCarts } from './sqlite-carts';
import { createSqliteCatalog } from './sqlite-catalog';
import { createSqliteInteractions } from './sqlite-interactions';
import { createSqliteLiveRelay } from './sqlite-live-relay';
import { createSqliteOrders } from './sqlite-orders';
import { createSqliteOutbox } from './sqlite-outbox';
import { createTurnSnapshot, inTurnSnapshot } from './turn-snapshot';
import { walDurability } from './wal-sync';

export type SqliteStore = {
  catalog: Catalog;
  carts: Carts;
  orders: Orders;
  /** The orders' messages to the worker, written by `orders.place` in the same commit. */
  outbox: Outbox;
  interactions: Interactions;
  /**
   * Milliseconds so far in which writes waited for their fsync, off the event loop: time the
   * loop's own utilization no longer shows (docs/decisions/0081).
   */
  diskWaitMs(): number;
  /** Live updates between processes on one file (`npm run worker` → the server). */
  liveRelay(onError: (error: unknown) => void): ReturnType<typeof createSqliteLiveRelay>;
  close(): void;
};

/**
 * Every SQLite-backed port over one connection to `file` (`:memory:` for a throwaway store).
 * Carts and interest scores live `guestDataTtlMs` after their last change (CART_TTL_DAYS).
 */
export const createSqliteStore = ({
  file,
  clock,
  guestDataTtlMs,
  onGroupCommit,
}: {
  file: string;
  clock: Clock;
  guestDataTtlMs: number;
  /** Told the number of writes of each group commit (group-commit.ts), for tests and metrics. */
  onGroupCommit?: (writes: number) => void;
}): SqliteStore => {
  const db = openDatabase(file);
  const times = { clock, guestDataTtlMs };
  // Every read of a turn shares one read transaction, and every write of every port shares the
  // group commits of this one connection (which end that read transaction first).
  const snapshot = createTurnSnapshot(db);
  // Every commit is still fsynced before it is acknowledged, by the group commit's own
  // fdatasync of the WAL off the event loop instead of SQLite's inside COMMIT on it: with FULL
  // every request waited for the disk behind every group (docs/decisions/0081).
  const durability = file === IN_MEMORY ? undefined : walDurability(file);
  if (durability) db.pragma('synchronous = NORMAL');
  const commits = createGroupCommit(db, {
    endReads: snapshot.end,
    onCommit: onGroupCommit,
    durability,
  });
  const ports = <Port extends object>(port: Port) => inTurnSnapshot(snapshot, port);
  return {
    catalog: ports(createSqliteCatalog(db, commits)),
    carts: ports(createSqliteCarts(db, commits, times)),
    orders: ports(createSqliteOrders(db, commits, times)),
    outbox: ports(createSqliteOutbox(db, commits, clock)),
    interactions: ports(createSqliteInteractions(db, commits, times)),
    diskWaitMs: commits.syncingMs,
    liveRelay: (onError) => createSqliteLiveRelay(db, clock, onError, snapshot),
    close() {
      if (!db.open) return;
      commits.flushNow();
      snapshot.end();
      // Recommended by SQLite before closing a long-lived connection: refreshes planner stats.
      db.pragma('optimize');
      db.close();
      durability?.close();
    },
  };
};
