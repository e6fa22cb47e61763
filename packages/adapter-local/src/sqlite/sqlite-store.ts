import type { Carts } from '@sellout/core/carts/carts-port';
import type { Catalog } from '@sellout/core/catalog/catalog-port';
import type { OrderQueue } from '@sellout/core/orders/order-queue-port';
import type { Orders } from '@sellout/core/orders/orders-port';
import type { Interactions } from '@sellout/core/recommendations/interactions-port';
import type { Clock } from '@sellout/core/shared/system';
import type { Database } from 'better-sqlite3';
import { openDatabase } from './open-database';
import { createSqliteCarts } from './sqlite-carts';
import { createSqliteCatalog } from './sqlite-catalog';
import { createSqliteInteractions } from './sqlite-interactions';
import { createSqliteOrderQueue } from './sqlite-order-queue';
import { createSqliteOrders } from './sqlite-orders';

export type SqliteStore = {
  db: Database;
  catalog: Catalog;
  carts: Carts;
  orders: Orders;
  orderQueue: OrderQueue;
  interactions: Interactions;
  close(): void;
};

/** Every SQLite-backed port over one connection to `file` (`:memory:` for a throwaway store). */
export const createSqliteStore = ({ file, clock }: { file: string; clock: Clock }): SqliteStore => {
  const db = openDatabase(file);
  return {
    db,
    catalog: createSqliteCatalog(db),
    carts: createSqliteCarts(db),
    orders: createSqliteOrders(db, clock),
    orderQueue: createSqliteOrderQueue(db, clock),
    interactions: createSqliteInteractions(db),
    close() {
      if (!db.open) return;
      // Recommended by SQLite before closing a long-lived connection: refreshes planner stats.
      db.pragma('optimize');
      db.close();
    },
  };
};
