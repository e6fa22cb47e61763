import { type CartLine, MAX_CART_LINES, MAX_LINE_QUANTITY } from '@sellout/core/carts/cart';
import type { CartChange, Carts } from '@sellout/core/carts/carts-port';
import type { Clock } from '@sellout/core/shared/system';
import type { Database } from 'better-sqlite3';
import type { GroupCommit } from './group-commit';
import { retryWhileBusy } from './retry-while-busy';

type LineRow = { productId: string; quantity: number };

export type GuestDataTimes = { clock: Clock; guestDataTtlMs: number };

/**
 * When each cart last changed (ADR 45), for every transaction that changes a cart (checkout's
 * included): before the change an idle cart's lines are dropped, so they cannot come back;
 * after it the cart's time is now, or its row goes with its last line.
 */
export const prepareCartTimes = (db: Database, { clock, guestDataTtlMs }: GuestDataTimes) => {
  const cutoff = () => new Date(clock.now().getTime() - guestDataTtlMs).toISOString();
  const dropIdleLines = db.prepare<[string, string, string]>(
    `DELETE FROM cart_lines WHERE user_id = ?
     AND NOT EXISTS (SELECT 1 FROM carts WHERE user_id = ? AND touched_at > ?)`,
  );
  const dropIdleRow = db.prepare<[string, string]>(
    'DELETE FROM carts WHERE user_id = ? AND touched_at <= ?',
  );
  const hasLines = db
    .prepare<[string], number>('SELECT 1 FROM cart_lines WHERE user_id = ? LIMIT 1')
    .pluck();
  const touch = db.prepare<[string, string]>(
    `INSERT INTO carts (user_id, touched_at) VALUES (?, ?)
     ON CONFLICT (user_id) DO UPDATE SET touched_at = excluded.touched_at`,
  );
  const dropRow = db.prepare<[string]>('DELETE FROM carts WHERE user_id = ?');
  return {
    cutoff,
    forgetIfIdle(userId: string) {
      const before = cutoff();
      dropIdleLines.run(userId, userId, before);
      dropIdleRow.run(userId, before);
    },
    changed(userId: string) {
      if (hasLines.get(userId)) touch.run(userId, clock.now().toISOString());
      else dropRow.run(userId);
    },
  };
};

export const createSqliteCarts = (
  db: Database,
  commits: GroupCommit,
  times: GuestDataTimes,
): Carts => {
  const cartTimes = prepareCartTimes(db, times);
  // Only a cart whose row is younger than the time to live has lines, swept or not.
  const selectLines = db.prepare<[string, string], LineRow>(
    `SELECT product_id AS productId, quantity FROM cart_lines
     WHERE user_id = ?
       AND EXISTS (SELECT 1 FROM carts WHERE carts.user_id = cart_lines.user_id AND touched_at > ?)
     ORDER BY position`,
  );
  const linesOf = (userId: string) => selectLines.all(userId, cartTimes.cutoff());
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
  const idleCarts = db
    .prepare<[string, number], string>(
      'SELECT user_id FROM carts WHERE touched_at <= ? ORDER BY touched_at LIMIT ?',
    )
    .pluck();
  const deleteLines = db.prepare<[string]>('DELETE FROM cart_lines WHERE user_id = ?');
  const deleteCart = db.prepare<[string]>('DELETE FROM carts WHERE user_id = ?');

  const changed = (userId: string): CartChange => {
    cartTimes.changed(userId);
    return { kind: 'changed', lines: linesOf(userId) };
  };

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
    cartTimes.forgetIfIdle(userId);
    const current = selectQuantity.get(userId, productId) ?? 0;
    if (current + quantity > MAX_LINE_QUANTITY) return { kind: 'line-full', quantity: current };
    return putLine(userId, productId, current + quantity);
  };
  const setQuantity = (userId: string, productId: string, quantity: number): CartChange => {
    cartTimes.forgetIfIdle(userId);
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
    cartTimes.forgetIfIdle(userId);
    deleteLine.run(userId, productId);
    cartTimes.changed(userId);
    return linesOf(userId);
  };
  const removeIdle = (limit: number): number => {
    const userIds = idleCarts.all(cartTimes.cutoff(), limit);
    for (const userId of userIds) {
      deleteLines.run(userId);
      deleteCart.run(userId);
    }
    return userIds.length;
  };

  return retryWhileBusy<Carts>({
    async get(userId) {
      return linesOf(userId);
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
    async removeIdle({ limit }) {
      return commits.run(() => removeIdle(limit));
    },
  });
};
