import type { Carts } from '@sellout/core/carts/carts-port';
import type { Catalog } from '@sellout/core/catalog/catalog-port';
import type { Orders } from '@sellout/core/orders/orders-port';
import type { Interactions } from '@sellout/core/recommendations/interactions-port';
import type { Clock } from '@sellout/core/shared/system';
import type { Outbox } from '../outbox/outbox';
import { openDatabase } from './open-database';
import { createSqliteCarts } from './sqlite-carts';
import { createSqliteCatalog } from './sqlite-catalog';
import { createSqliteInteractions } from './sqlite-interactions';
import { createSqliteLiveRelay } from './sqlite-live-relay';
import { createSqliteOrders } from './sqlite-orders';
import { createSqliteOutbox } from './sqlite-outbox';

export type SqliteStore = {
  catalog: Catalog;
  carts: Carts;
  orders: Orders;
  /** The orders' messages to the worker, written by `orders.place` in the same commit. */
  outbox: Outbox;
  interactions: Interactions;
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
}: {
  file: string;
  clock: Clock;
  guestDataTtlMs: number;
}): SqliteStore => {
  const db = openDatabase(file);
  const times = { clock, guestDataTtlMs };
  return {
    catalog: createSqliteCatalog(db),
    carts: createSqliteCarts(db, times),
    orders: createSqliteOrders(db, times),
    outbox: createSqliteOutbox(db, clock),
    interactions: createSqliteInteractions(db, times),
    liveRelay: (onError) => createSqliteLiveRelay(db, clock, onError),
    close() {
      if (!db.open) return;
      // Recommended by SQLite before closing a long-lived connection: refreshes planner stats.
      db.pragma('optimize');
      db.close();
    },
  };
};
