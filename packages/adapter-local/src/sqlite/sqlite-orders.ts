import type { StockLevel } from '@sellout/core/catalog/product';
import {
  type CancelledBy,
  customerKeysOf,
  mergeOrderLines,
  type Order,
  type OrderLine,
  type OrderStatus,
  type ShippingAddress,
  unitsByProduct,
} from '@sellout/core/orders/order';
import type {
  CancelOutcome,
  Orders,
  PlaceOrderCommand,
  PlaceOrderOutcome,
  ShortLine,
  TransitionOutcome,
} from '@sellout/core/orders/orders-port';
import type { Page, PageRequest } from '@sellout/core/shared/pagination';
import type { Database } from 'better-sqlite3';
import type { GroupCommit } from './group-commit';
import { retryWhileBusy } from './retry-while-busy';
import { type GuestDataTimes, prepareCartTimes } from './sqlite-carts';
import { prepareAddInterests } from './sqlite-interactions';

type OrderRow = {
  id: string;
  number: string;
  user_id: string;
  status: OrderStatus;
  lines: string;
  total_cents: number;
  currency: string;
  email: string;
  shipping: string;
  payment_token: string;
  created_at: string;
  processed_at: string | null;
  failure_reason: string | null;
  invoice_key: string | null;
  stuck_at: string | null;
  cancelled_by: CancelledBy | null;
  email_key: string;
};

type StoredShipping = Omit<ShippingAddress, 'line2'> & { line2?: string | null };

const toShipping = (json: string): ShippingAddress => {
  const { line2, ...rest } = JSON.parse(json) as StoredShipping;
  return line2 == null ? rest : { ...rest, line2 };
};

const toLines = (json: string): OrderLine[] =>
  (JSON.parse(json) as OrderLine[]).map((line) => ({
    productId: line.productId,
    name: line.name,
    priceCents: line.priceCents,
    quantity: line.quantity,
  }));

const toOrder = (row: OrderRow): Order => ({
  id: row.id,
  number: row.number,
  userId: row.user_id,
  status: row.status,
  lines: toLines(row.lines),
  totalCents: row.total_cents,
  currency: row.currency,
  email: row.email,
  shipping: toShipping(row.shipping),
  paymentToken: row.payment_token,
  createdAt: row.created_at,
  processedAt: row.processed_at,
  failureReason: row.failure_reason,
  invoiceKey: row.invoice_key,
  stuckAt: row.stuck_at,
  cancelledBy: row.cancelled_by,
});

const toOrderRow = (order: Order): OrderRow => ({
  id: order.id,
  number: order.number,
  user_id: order.userId,
  status: order.status,
  lines: JSON.stringify(order.lines),
  total_cents: order.totalCents,
  currency: order.currency,
  email: order.email,
  shipping: JSON.stringify(order.shipping),
  payment_token: order.paymentToken,
  created_at: order.createdAt,
  processed_at: order.processedAt,
  failure_reason: order.failureReason,
  invoice_key: order.invoiceKey,
  stuck_at: order.stuckAt,
  cancelled_by: order.cancelledBy,
  email_key: customerKeysOf(order).email,
});

type Refusal = Extract<
  PlaceOrderOutcome,
  { kind: 'not-on-sale' | 'out-of-stock' | 'over-customer-limit' | 'number-taken' }
>;

/** Thrown inside `place` only to roll the transaction back; never leaves this file. */
class RefusalRollback extends Error {
  constructor(readonly refusal: Refusal) {
    super(refusal.kind);
  }
}

/** Newest first: one row more than asked tells whether another page follows. */
const newestFirst = (rows: OrderRow[], limit: number): Page<Order> => {
  const items = rows.slice(0, limit).map(toOrder);
  return { items, next: rows.length > limit ? (items.at(-1)?.id ?? null) : null };
};

export const createSqliteOrders = (
  db: Database,
  commits: GroupCommit,
  times: GuestDataTimes,
): Orders => {
  const { clock } = times;
  const addInterests = prepareAddInterests(db, times);
  const cartTimes = prepareCartTimes(db, times);
  const selectOrder = db.prepare<[string], OrderRow>('SELECT * FROM orders WHERE id = ?');
  const selectKey = db.prepare<[string, string], { request_hash: string; order_id: string }>(
    'SELECT request_hash, order_id FROM idempotency_keys WHERE user_id = ? AND key = ?',
  );
  const selectOrderByKey = db.prepare<[string, string], OrderRow & { request_hash: string }>(
    `SELECT orders.*, idempotency_keys.request_hash FROM idempotency_keys
     JOIN orders ON orders.id = idempotency_keys.order_id
     WHERE idempotency_keys.user_id = ? AND idempotency_keys.key = ?`,
  );
  // The guard against overselling: the row changes only if enough units are left, and the
  // check and the decrement are one statement, so no other buyer can slip in between.
  const takeStock = db.prepare<
    [number, number, string, number],
    { stock: number; version: number }
  >(
    `UPDATE products SET stock = stock - ?, units_sold = units_sold + ?, version = version + 1
     WHERE id = ? AND stock >= ? RETURNING stock, version`,
  );
  const returnStock = db.prepare<[number, number, string], { stock: number; version: number }>(
    `UPDATE products SET stock = stock + ?, units_sold = units_sold - ?, version = version + 1
     WHERE id = ? RETURNING stock, version`,
  );
  const selectStock = db
    .prepare<[string], number>('SELECT stock FROM products WHERE id = ?')
    .pluck();
  const selectSaleStart = db
    .prepare<[string], string | null>('SELECT sale_starts_at FROM products WHERE id = ?')
    .pluck();
  // Units of a product the customer holds, by shopper and by email, read under the write lock
  // so that two checkouts of one customer cannot both pass the limit.
  const heldBy = (column: 'user_id' | 'email_key') =>
    db
      .prepare<[string, string], number>(
        `SELECT COALESCE(SUM(json_extract(line.value, '$.quantity')), 0)
         FROM orders, json_each(orders.lines) AS line
         WHERE orders.${column} = ? AND orders.status != 'CANCELLED'
           AND json_extract(line.value, '$.productId') = ?`,
      )
      .pluck();
  const heldByUser = heldBy('user_id');
  const heldByEmail = heldBy('email_key');
  const numberTaken = db.prepare<[string], number>('SELECT 1 FROM orders WHERE number = ?').pluck();
  const insertOrder = db.prepare<[OrderRow]>(
    `INSERT INTO orders (id, number, user_id, status, lines, total_cents, currency, email,
       email_key, shipping, payment_token, created_at, processed_at, failure_reason, invoice_key,
       stuck_at, cancelled_by)
     VALUES (@id, @number, @user_id, @status, @lines, @total_cents, @currency, @email,
       @email_key, @shipping, @payment_token, @created_at, @processed_at, @failure_reason,
       @invoice_key, @stuck_at, @cancelled_by)`,
  );
  const insertOutbox = db.prepare<[string, number]>(
    'INSERT INTO outbox (order_id, available_at) VALUES (?, ?)',
  );
  const insertKey = db.prepare<[string, string, string, string, number]>(
    `INSERT INTO idempotency_keys (user_id, key, request_hash, order_id, created_at)
     VALUES (?, ?, ?, ?, ?)`,
  );
  // Lines bought up entirely go first: the CHECK (quantity >= 1) forbids passing through 0.
  const dropBoughtLine = db.prepare<[string, string, number]>(
    'DELETE FROM cart_lines WHERE user_id = ? AND product_id = ? AND quantity <= ?',
  );
  const reduceLine = db.prepare<[number, string, string]>(
    'UPDATE cart_lines SET quantity = quantity - ? WHERE user_id = ? AND product_id = ?',
  );
  const cancelPending = db.prepare<[string, CancelledBy, string], OrderRow>(
    `UPDATE orders SET status = 'CANCELLED', failure_reason = ?, cancelled_by = ?, stuck_at = NULL
     WHERE id = ? AND status = 'PENDING' RETURNING *`,
  );
  const processPending = db.prepare<[string, string, string], OrderRow>(
    `UPDATE orders SET status = 'PROCESSED', processed_at = ?, invoice_key = ?,
       failure_reason = NULL, stuck_at = NULL
     WHERE id = ? AND status = 'PENDING' RETURNING *`,
  );
  const markStuck = db.prepare<[string, string, string]>(
    `UPDATE orders SET stuck_at = ?, failure_reason = ?
     WHERE id = ? AND status = 'PENDING' AND stuck_at IS NULL`,
  );
  const clearStuck = db.prepare<[string]>(
    `UPDATE orders SET stuck_at = NULL, failure_reason = NULL
     WHERE id = ? AND status = 'PENDING' AND stuck_at IS NOT NULL`,
  );
  const selectByNumber = db.prepare<[string], OrderRow>('SELECT * FROM orders WHERE number = ?');
  // One customer's orders are few: the email index finds them, the status is checked on each.
  const emailPage = db.prepare<
    [{ email: string; status: OrderStatus | null; after: string | null; limit: number }],
    OrderRow
  >(
    `SELECT * FROM orders
     WHERE email_key = @email AND (@status IS NULL OR status = @status)
       AND (@after IS NULL OR id < @after)
     ORDER BY id DESC LIMIT @limit`,
  );
  const stalled = db.prepare<[string, number], OrderRow>(
    `SELECT * FROM orders WHERE status = 'PENDING' AND stuck_at IS NULL AND created_at < ?
     ORDER BY id LIMIT ?`,
  );
  const userFirstPage = db.prepare<[string, number], OrderRow>(
    'SELECT * FROM orders WHERE user_id = ? ORDER BY id DESC LIMIT ?',
  );
  const userPageBefore = db.prepare<[string, string, number], OrderRow>(
    'SELECT * FROM orders WHERE user_id = ? AND id < ? ORDER BY id DESC LIMIT ?',
  );
  const allFirstPage = db.prepare<[number], OrderRow>(
    'SELECT * FROM orders ORDER BY id DESC LIMIT ?',
  );
  const allPageBefore = db.prepare<[string, number], OrderRow>(
    'SELECT * FROM orders WHERE id < ? ORDER BY id DESC LIMIT ?',
  );
  const statusFirstPage = db.prepare<[string, number], OrderRow>(
    'SELECT * FROM orders WHERE status = ? ORDER BY id DESC LIMIT ?',
  );
  const statusPageBefore = db.prepare<[string, string, number], OrderRow>(
    'SELECT * FROM orders WHERE status = ? AND id < ? ORDER BY id DESC LIMIT ?',
  );

  const earlierAttempt = (command: PlaceOrderCommand): PlaceOrderOutcome | null => {
    const { idempotency, order } = command;
    const found = idempotency && selectKey.get(order.userId, idempotency.key);
    if (!found) return null;
    if (found.request_hash !== idempotency.requestHash) return { kind: 'key-reused' };
    const earlier = selectOrder.get(found.order_id);
    if (!earlier) throw new Error(`Idempotency key points at missing order ${found.order_id}.`);
    return { kind: 'replayed', order: toOrder(earlier) };
  };

  const refuse = (refusal: Refusal): never => {
    throw new RefusalRollback(refusal);
  };

  const checkOnSale = (units: Map<string, number>, at: string) => {
    const closed = [...units.keys()].flatMap((productId) => {
      const opens = selectSaleStart.get(productId);
      return opens != null && opens > at ? [{ productId, saleStartsAt: opens }] : [];
    });
    if (closed.length > 0) refuse({ kind: 'not-on-sale', lines: closed });
  };

  const reserveStock = (units: Map<string, number>): StockLevel[] => {
    const levels: StockLevel[] = [];
    const short: ShortLine[] = [];
    for (const [productId, requested] of units) {
      const taken = takeStock.get(requested, requested, productId, requested);
      if (taken) levels.push({ productId, ...taken });
      else short.push({ productId, requested, available: selectStock.get(productId) ?? 0 });
    }
    if (short.length > 0) refuse({ kind: 'out-of-stock', lines: short });
    return levels;
  };

  // Runs after this order's stock was taken but before it is stored: what the customer holds
  // is what earlier orders hold, and this order's units are added to it.
  const checkCustomerLimits = (command: PlaceOrderCommand, units: Map<string, number>) => {
    const customer = customerKeysOf(command.order);
    const over = command.customerLimits.flatMap(({ productId, limit }) => {
      const requested = units.get(productId) ?? 0;
      const held = Math.max(
        heldByUser.get(customer.userId, productId) ?? 0,
        heldByEmail.get(customer.email, productId) ?? 0,
      );
      return held + requested > limit
        ? [{ productId, requested, limit, remaining: Math.max(0, limit - held) }]
        : [];
    });
    if (over.length > 0) refuse({ kind: 'over-customer-limit', lines: over });
  };

  const place = (command: PlaceOrderCommand): PlaceOrderOutcome => {
    const earlier = earlierAttempt(command);
    if (earlier) return earlier;
    const order: Order = { ...command.order, lines: mergeOrderLines(command.order.lines) };
    const units = unitsByProduct(order.lines);
    checkOnSale(units, order.createdAt);
    const stock = reserveStock(units);
    checkCustomerLimits(command, units);
    if (numberTaken.get(order.number)) refuse({ kind: 'number-taken' });
    const now = clock.now().getTime();
    insertOrder.run(toOrderRow(order));
    insertOutbox.run(order.id, now);
    if (command.idempotency) {
      const { key, requestHash } = command.idempotency;
      insertKey.run(order.userId, key, requestHash, order.id, now);
    }
    if (command.clearPurchasedFromCart) {
      cartTimes.forgetIfIdle(order.userId);
      for (const [productId, bought] of units) {
        dropBoughtLine.run(order.userId, productId, bought);
        reduceLine.run(bought, order.userId, productId);
      }
      cartTimes.changed(order.userId);
    }
    addInterests(command.purchases);
    return { kind: 'placed', order, stock };
  };

  const cancel = (id: string, by: CancelledBy, reason: string): CancelOutcome => {
    const cancelled = cancelPending.get(reason, by, id);
    if (!cancelled) {
      const row = selectOrder.get(id);
      return row ? { kind: 'unchanged', order: toOrder(row) } : { kind: 'not-found' };
    }
    const order = toOrder(cancelled);
    const stock: StockLevel[] = [];
    for (const [productId, quantity] of unitsByProduct(order.lines)) {
      const level = returnStock.get(quantity, quantity, productId);
      if (level) stock.push({ productId, ...level });
    }
    return { kind: 'cancelled', order, stock };
  };

  const markProcessed = (
    id: string,
    processedAt: string,
    invoiceKey: string,
  ): TransitionOutcome => {
    const processed = processPending.get(processedAt, invoiceKey, id);
    if (processed) return { kind: 'transitioned', order: toOrder(processed) };
    const row = selectOrder.get(id);
    return row ? { kind: 'unchanged', order: toOrder(row) } : { kind: 'not-found' };
  };

  return retryWhileBusy<Orders>({
    async place(command) {
      try {
        // In a group commit: its own savepoint inside a shared BEGIN IMMEDIATE, answered once
        // the group is durable (group-commit.ts).
        return await commits.run(() => place(command));
      } catch (error) {
        if (error instanceof RefusalRollback) return error.refusal;
        throw error;
      }
    },
    async get(id) {
      const row = selectOrder.get(id);
      return row ? toOrder(row) : null;
    },
    async findByIdempotencyKey(userId, key) {
      const row = selectOrderByKey.get(userId, key);
      if (!row) return null;
      // A replay answers 201 for this order: not before the commit that placed it is durable.
      await commits.durable();
      return { order: toOrder(row), requestHash: row.request_hash };
    },
    async listByUser(userId, { after, limit }: PageRequest) {
      const rows =
        after === null
          ? userFirstPage.all(userId, limit + 1)
          : userPageBefore.all(userId, after, limit + 1);
      return newestFirst(rows, limit);
    },
    async listAll({ status, after, limit }) {
      let rows: OrderRow[];
      if (status === null) {
        rows = after === null ? allFirstPage.all(limit + 1) : allPageBefore.all(after, limit + 1);
      } else {
        rows =
          after === null
            ? statusFirstPage.all(status, limit + 1)
            : statusPageBefore.all(status, after, limit + 1);
      }
      return newestFirst(rows, limit);
    },
    async findByNumber(number) {
      const row = selectByNumber.get(number);
      return row ? toOrder(row) : null;
    },
    async listByEmail({ email, status, after, limit }) {
      return newestFirst(emailPage.all({ email, status, after, limit: limit + 1 }), limit);
    },
    async markProcessed(id, { processedAt, invoiceKey }) {
      return commits.run(() => markProcessed(id, processedAt, invoiceKey));
    },
    async listStalled({ createdBefore, limit }) {
      return stalled.all(createdBefore, limit).map(toOrder);
    },
    async markStuck(id, at, reason) {
      return commits.run(() => markStuck.run(at, reason, id).changes === 1);
    },
    async clearStuck(id) {
      return commits.run(() => clearStuck.run(id).changes === 1);
    },
    async cancel(id, { by, reason }) {
      return commits.run(() => cancel(id, by, reason));
    },
  });
};
