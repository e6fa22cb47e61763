import { type CartLine, MAX_CART_LINES, MAX_LINE_QUANTITY } from '@sellout/core/carts/cart';
import type { CartChange, Carts } from '@sellout/core/carts/carts-port';
import type { Database } from 'better-sqlite3';
import type { GroupCommit } from './group-commit';
import { retryWhileBusy } from './retry-while-busy';

type LineRow = { productId: string; quantity: number };

export const createSqliteCarts = (db: Database, commits: GroupCommit): Carts => {
  const selectLines = db.prepare<[string], LineRow>(
    `SELECT product_id AS productId, quantity FROM cart_lines
     WHERE user_id = ? ORDER BY position`,
  );
  const selectQuantity = db
    .prepare<[string, string], number>(
      'SELECT quantity FROM cart_lines WHERE user_id = ? AND product_id = ?',
    )
    .pluck();
  const countLines = db
    .prepare<[string], number>('SELECT count(*) FROM cart_lines WHERE user_id = ?')
    .pluck();
  // Positions only grow within a cart, so lines list in the order they were first added.
  const insertLine = db.prepare<[string, string, number, string]>(
    `INSERT INTO cart_lines (user_id, product_id, quantity, position)
     VALUES (?, ?, ?, (SELECT coalesce(max(position), 0) + 1 FROM cart_lines WHERE user_id = ?))`,
  );
  const setLine = db.prepare<[number, string, string]>(
    'UPDATE cart_lines SET quantity = ? WHERE user_id = ? AND product_id = ?',
  );
  const deleteLine = db.prepare<[string, string]>(
    'DELETE FROM cart_lines WHERE user_id = ? AND product_id = ?',
  );

  const changed = (userId: string): CartChange => ({
    kind: 'changed',
    lines: selectLines.all(userId),
  });

  /** Puts `quantity` on a line, creating it if the cart has room; the caller checked the limit. */
  const putLine = (userId: string, productId: string, quantity: number): CartChange => {
    if (selectQuantity.get(userId, productId) !== undefined) {
      setLine.run(quantity, userId, productId);
    } else {
      if (countLines.get(userId)! >= MAX_CART_LINES) return { kind: 'cart-full' };
      insertLine.run(userId, productId, quantity, userId);
    }
    return changed(userId);
  };

  // Each change reads the cart and then writes it, so each runs under the write lock (in a
  // group commit): two tabs adding at once (or the server and the worker) cannot both pass the
  // limit checks.
  const addItem = (userId: string, productId: string, quantity: number): CartChange => {
    const current = selectQuantity.get(userId, productId) ?? 0;
    if (current + quantity > MAX_LINE_QUANTITY) return { kind: 'line-full', quantity: current };
    return putLine(userId, productId, current + quantity);
  };
  const setQuantity = (userId: string, productId: string, quantity: number): CartChange => {
    if (quantity <= 0) {
      deleteLine.run(userId, productId);
      return changed(userId);
    }
    if (quantity > MAX_LINE_QUANTITY) {
      return { kind: 'line-full', quantity: selectQuantity.get(userId, productId) ?? 0 };
    }
    return putLine(userId, productId, quantity);
  };
  const removeItem = (userId: string, productId: string): CartLine[] => {
    deleteLine.run(userId, productId);
    return selectLines.all(userId);
  };

  return retryWhileBusy<Carts>({
    async get(userId) {
      return selectLines.all(userId);
    },
    async addItem(userId, productId, quantity) {
      return commits.run(() => addItem(userId, productId, quantity));
    },
    async setQuantity(userId, productId, quantity) {
      return commits.run(() => setQuantity(userId, productId, quantity));
    },
    async removeItem(userId, productId) {
      return commits.run(() => removeItem(userId, productId));
    },
  });
};
