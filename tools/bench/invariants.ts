/**
 * The benchmark's correctness check, in the style of Jepsen's bank test: whatever the load did,
 * the books must balance. For every product the units still in stock plus the units held by
 * live orders (PENDING or PROCESSED; a CANCELLED order has released its units) equal what was
 * ever put in (initial stock + restocks), no stock is below zero, and every order the shop
 * acknowledged with a 201 exists, exactly once (DESIGN §3, invariants 1–3).
 *
 * Pure: the caller reads the store, this judges what it read.
 */

export type OrderStatus = 'PENDING' | 'PROCESSED' | 'CANCELLED';

export type History = {
  /** Per product id: initial stock plus every restock the benchmark made. */
  unitsPutIn: ReadonlyMap<string, number>;
  /** Every product as the store shows it now. */
  products: readonly { id: string; stock: number }[];
  /** Every order in the store (the admin listing, all pages). */
  orders: readonly {
    id: string;
    status: OrderStatus;
    lines: readonly { productId: string; quantity: number }[];
  }[];
  /** The order id of every 201 the generator received. */
  acknowledged: readonly string[];
};

export type Violation =
  /** Stock below zero, or more units held by orders than were ever put in. */
  | { kind: 'oversold'; productId: string; stock: number; held: number; putIn: number }
  /** The books do not balance without overselling: units vanished or appeared. */
  | { kind: 'stock-mismatch'; productId: string; stock: number; held: number; putIn: number }
  /** A 201 whose order is not in the store. */
  | { kind: 'lost-order'; orderId: string }
  /** An order listed more than once. */
  | { kind: 'duplicated-order'; orderId: string; times: number }
  /** One order id in the 201s of different requests: two purchases, one order. */
  | { kind: 'acknowledged-twice'; orderId: string; times: number }
  /** A product the benchmark put in that the store no longer shows. */
  | { kind: 'missing-product'; productId: string }
  /** A product, or an order line's product, that the benchmark never put in. */
  | { kind: 'unknown-product'; productId: string };

export type InvariantReport = {
  violations: Violation[];
  /** What was checked, for the report. */
  checked: { products: number; orders: number; acknowledged: number; unitsHeld: number };
};

const LIVE: ReadonlySet<OrderStatus> = new Set(['PENDING', 'PROCESSED']);

const countOf = (ids: readonly string[]) => {
  const counts = new Map<string, number>();
  for (const id of ids) counts.set(id, (counts.get(id) ?? 0) + 1);
  return counts;
};

export const checkInvariants = (history: History): InvariantReport => {
  const violations: Violation[] = [];
  const held = new Map<string, number>();
  const unknown = new Set<string>();
  const shown = new Map(history.products.map((product) => [product.id, product.stock]));
  for (const productId of shown.keys()) {
    if (!history.unitsPutIn.has(productId)) unknown.add(productId);
  }
  for (const order of history.orders) {
    for (const line of order.lines) {
      if (!history.unitsPutIn.has(line.productId)) unknown.add(line.productId);
      if (LIVE.has(order.status))
        held.set(line.productId, (held.get(line.productId) ?? 0) + line.quantity);
    }
  }
  for (const productId of unknown) violations.push({ kind: 'unknown-product', productId });

  for (const [productId, putIn] of history.unitsPutIn) {
    const stock = shown.get(productId);
    if (stock === undefined) {
      violations.push({ kind: 'missing-product', productId });
      continue;
    }
    const units = held.get(productId) ?? 0;
    const books = { productId, stock, held: units, putIn };
    if (stock < 0 || units > putIn) violations.push({ kind: 'oversold', ...books });
    else if (stock + units !== putIn) violations.push({ kind: 'stock-mismatch', ...books });
  }

  const listed = countOf(history.orders.map((order) => order.id));
  for (const [orderId, times] of listed) {
    if (times > 1) violations.push({ kind: 'duplicated-order', orderId, times });
  }
  for (const [orderId, times] of countOf(history.acknowledged)) {
    if (!listed.has(orderId)) violations.push({ kind: 'lost-order', orderId });
    if (times > 1) violations.push({ kind: 'acknowledged-twice', orderId, times });
  }

  let unitsHeld = 0;
  for (const units of held.values()) unitsHeld += units;
  return {
    violations,
    checked: {
      products: history.products.length,
      orders: history.orders.length,
      acknowledged: history.acknowledged.length,
      unitsHeld,
    },
  };
};

/** One line per kind of violation, with a few examples, for the terminal and the report. */
export const describeViolations = (violations: readonly Violation[], examples = 3) => {
  const byKind = new Map<Violation['kind'], Violation[]>();
  for (const violation of violations) {
    const list = byKind.get(violation.kind);
    if (list) list.push(violation);
    else byKind.set(violation.kind, [violation]);
  }
  return [...byKind].map(([kind, list]) => {
    const shown = list.slice(0, examples).map((violation) => {
      const { kind: _, ...details } = violation;
      return JSON.stringify(details);
    });
    return `${kind} ×${list.length}: ${shown.join(', ')}${list.length > examples ? ', …' : ''}`;
  });
};
