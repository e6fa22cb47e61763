import type { CartLine } from '../carts/cart';
import { MAX_CART_LINES, MAX_LINE_QUANTITY } from '../carts/cart';
import type { Carts } from '../carts/carts-port';
import type { Catalog } from '../catalog/catalog-port';
import type { Product, StockLevel } from '../catalog/product';
import { isOnSale, stockLevelOf } from '../catalog/product';
import type { Order } from '../orders/order';
import { customerKeysOf, mergeOrderLines, unitsByProduct } from '../orders/order';
import type { Orders, PlaceOrderCommand, ShortLine } from '../orders/orders-port';
import { type CategoryScore, EVENT_WEIGHTS } from '../recommendations/interaction';
import type { Interactions } from '../recommendations/interactions-port';
import type { Page, PageRequest } from '../shared/pagination';
import { type Clock, systemClock } from '../shared/system';

const clone = <T>(value: T): T => structuredClone(value);

/** Keyset page over items sorted by `key`, resuming after `after`. */
const pageOf = <T>(
  sorted: T[],
  key: (item: T) => string,
  page: PageRequest,
  descending: boolean,
) => {
  const rest =
    page.after === null
      ? sorted
      : sorted.filter((item) => (descending ? key(item) < page.after! : key(item) > page.after!));
  const items = rest.slice(0, page.limit);
  const last = items.at(-1);
  return {
    items: items.map(clone),
    next: rest.length > page.limit && last ? key(last) : null,
  } satisfies Page<T>;
};

/**
 * Every port over plain maps. Each operation runs synchronously to completion before its promise
 * resolves, which makes it atomic under JavaScript's single thread — the same guarantee the real
 * stores give with transactions. Without options, time is the system's and guest data never
 * idles out.
 */
export const createInMemoryStore = (options: { clock?: Clock; guestDataTtlMs?: number } = {}) => {
  const clock = options.clock ?? systemClock;
  const ttlMs = options.guestDataTtlMs ?? Number.POSITIVE_INFINITY;
  /** Guest data changed at or before this instant is gone (ADR 45). */
  const cutoff = () => clock.now().getTime() - ttlMs;
  const isAlive = (changedAt: string) => Date.parse(changedAt) > cutoff();
  const products = new Map<string, Product>();
  const carts = new Map<string, { lines: CartLine[]; touchedAt: string }>();
  const orders = new Map<string, Order>();
  const keys = new Map<string, { requestHash: string; orderId: string }>();
  /** Units in orders that were not cancelled, per product. */
  const sold = new Map<string, number>();
  const scores = new Map<string, Map<string, CategoryScore>>();
  /** Deletes up to `limit` entries of `map` that `isIdle`, and says how many. */
  const removeFrom = <K, V>(map: Map<K, V>, isIdle: (entry: [K, V]) => boolean, limit: number) => {
    const idle = [...map].filter(isIdle).slice(0, limit);
    for (const [key] of idle) map.delete(key);
    return idle.length;
  };
  const addSold = (units: Map<string, number>, sign: 1 | -1) => {
    for (const [productId, n] of units) sold.set(productId, (sold.get(productId) ?? 0) + sign * n);
  };

  const cartOf = (userId: string): CartLine[] => {
    const cart = carts.get(userId);
    return cart && isAlive(cart.touchedAt) ? cart.lines : [];
  };
  const bump = (product: Product, stockDelta: number): StockLevel => {
    product.stock += stockDelta;
    product.version += 1;
    return stockLevelOf(product);
  };

  const listed = (query: PageRequest & { category: string | null }) =>
    pageOf(
      [...products.values()]
        .filter((p) => query.category === null || p.category === query.category)
        .sort((a, b) => (a.id < b.id ? -1 : 1)),
      (p) => p.id,
      query,
      false,
    );

  const catalog: Catalog = {
    get: async (id) => clone(products.get(id) ?? null),
    getMany: async (ids) =>
      ids.flatMap((id) => (products.has(id) ? [clone(products.get(id)!)] : [])),
    list: async (query) => listed(query),
    listWithSales: async (query) => {
      const page = listed(query);
      return {
        ...page,
        items: page.items.map((p) => ({ ...p, unitsSold: sold.get(p.id) ?? 0 })),
      };
    },
    create: async (product) => {
      if (products.has(product.id)) throw new Error(`duplicate product id ${product.id}`);
      const taken = [...products.values()].find((p) => p.sku === product.sku);
      if (taken) return { kind: 'duplicate-sku', productId: taken.id };
      products.set(product.id, clone(product));
      return { kind: 'created' };
    },
    update: async (id, patch) => {
      const product = products.get(id);
      if (!product) return { kind: 'not-found' };
      const taken = [...products.values()].find((p) => p.sku === patch.sku && p.id !== id);
      if (taken) return { kind: 'duplicate-sku', productId: taken.id };
      Object.assign(product, patch);
      bump(product, 0);
      return { kind: 'updated', product: clone(product) };
    },
    bestSellers: async ({ category, limit }) =>
      [...products.values()]
        .filter((p) => p.stock > 0 && (category === null || p.category === category))
        .sort((a, b) => (sold.get(b.id) ?? 0) - (sold.get(a.id) ?? 0) || (a.id < b.id ? 1 : -1))
        .slice(0, limit)
        .map(clone),
    restock: async (id, quantity) => {
      const product = products.get(id);
      if (!product) return null;
      bump(product, quantity);
      return clone(product);
    },
  };

  const changeLine = (userId: string, productId: string, quantity: (current: number) => number) => {
    const lines = cartOf(userId);
    const line = lines.find((l) => l.productId === productId);
    const wanted = quantity(line?.quantity ?? 0);
    if (wanted > MAX_LINE_QUANTITY)
      return { kind: 'line-full' as const, quantity: line?.quantity ?? 0 };
    if (!line && wanted > 0 && lines.length >= MAX_CART_LINES)
      return { kind: 'cart-full' as const };
    const next =
      wanted <= 0
        ? lines.filter((l) => l.productId !== productId)
        : line
          ? lines.map((l) => (l === line ? { productId, quantity: wanted } : l))
          : [...lines, { productId, quantity: wanted }];
    if (next.length > 0) carts.set(userId, { lines: next, touchedAt: clock.now().toISOString() });
    else carts.delete(userId);
    return { kind: 'changed' as const, lines: clone(next) };
  };

  const cartStore: Carts = {
    get: async (userId) => clone(cartOf(userId)),
    addItem: async (userId, productId, quantity) =>
      changeLine(userId, productId, (current) => current + quantity),
    setQuantity: async (userId, productId, quantity) =>
      changeLine(userId, productId, () => quantity),
    removeItem: async (userId, productId) => changeLine(userId, productId, () => 0).lines ?? [],
    removeIdle: async ({ limit }) =>
      removeFrom(carts, ([, cart]) => !isAlive(cart.touchedAt), limit),
  };

  const newestFirst = (list: Order[]) => list.sort((a, b) => (a.id < b.id ? 1 : -1));

  /** Units of `productId` in non-cancelled orders matching `matches`. */
  const unitsHeld = (productId: string, matches: (order: Order) => boolean) =>
    [...orders.values()]
      .filter((o) => o.status !== 'CANCELLED' && matches(o))
      .flatMap((o) => o.lines)
      .filter((l) => l.productId === productId)
      .reduce((sum, l) => sum + l.quantity, 0);

  const refusalOf = (command: PlaceOrderCommand, units: Map<string, number>) => {
    const { order } = command;
    const closed = [...units.keys()].flatMap((productId) => {
      const product = products.get(productId);
      return product && !isOnSale(product, order.createdAt)
        ? [{ productId, saleStartsAt: product.saleStartsAt! }]
        : [];
    });
    if (closed.length > 0) return { kind: 'not-on-sale' as const, lines: closed };
    const short: ShortLine[] = [];
    for (const [productId, requested] of units) {
      const available = products.get(productId)?.stock ?? 0;
      if (available < requested) short.push({ productId, requested, available });
    }
    if (short.length > 0) return { kind: 'out-of-stock' as const, lines: short };
    const customer = customerKeysOf(order);
    const over = command.customerLimits.flatMap(({ productId, limit }) => {
      const requested = units.get(productId) ?? 0;
      const held = Math.max(
        unitsHeld(productId, (o) => o.userId === customer.userId),
        unitsHeld(productId, (o) => customerKeysOf(o).email === customer.email),
      );
      return held + requested > limit
        ? [{ productId, requested, limit, remaining: Math.max(0, limit - held) }]
        : [];
    });
    if (over.length > 0) return { kind: 'over-customer-limit' as const, lines: over };
    if ([...orders.values()].some((o) => o.number === order.number)) {
      return { kind: 'number-taken' as const };
    }
    return null;
  };

  const orderStore: Orders = {
    place: async (command) => {
      const { order, idempotency, clearPurchasedFromCart } = command;
      const keyId = idempotency && `${order.userId}\u0000${idempotency.key}`;
      const earlier = keyId ? keys.get(keyId) : undefined;
      if (earlier && idempotency) {
        return earlier.requestHash === idempotency.requestHash
          ? { kind: 'replayed', order: clone(orders.get(earlier.orderId)!) }
          : { kind: 'key-reused' };
      }
      const units = unitsByProduct(order.lines);
      const refusal = refusalOf(command, units);
      if (refusal) return refusal;
      const stock = [...units].map(([productId, requested]) =>
        bump(products.get(productId)!, -requested),
      );
      const stored: Order = { ...clone(order), lines: mergeOrderLines(order.lines) };
      addSold(units, 1);
      orders.set(order.id, stored);
      if (keyId && idempotency)
        keys.set(keyId, { requestHash: idempotency.requestHash, orderId: order.id });
      if (clearPurchasedFromCart) {
        for (const [productId, bought] of units)
          changeLine(order.userId, productId, (current) => current - bought);
      }
      await interactions.record(command.purchases);
      return { kind: 'placed', order: clone(stored), stock };
    },
    get: async (id) => clone(orders.get(id) ?? null),
    findByIdempotencyKey: async (userId, key) => {
      const found = keys.get(`${userId}\u0000${key}`);
      return found
        ? { order: clone(orders.get(found.orderId)!), requestHash: found.requestHash }
        : null;
    },
    listByUser: async (userId, page) =>
      pageOf(
        newestFirst([...orders.values()].filter((o) => o.userId === userId)),
        (o) => o.id,
        page,
        true,
      ),
    listAll: async (query) =>
      pageOf(
        newestFirst(
          [...orders.values()].filter((o) => query.status === null || o.status === query.status),
        ),
        (o) => o.id,
        query,
        true,
      ),
    findByNumber: async (number) =>
      clone([...orders.values()].find((o) => o.number === number) ?? null),
    listByEmail: async (query) =>
      pageOf(
        newestFirst(
          [...orders.values()].filter(
            (o) =>
              customerKeysOf(o).email === query.email &&
              (query.status === null || o.status === query.status),
          ),
        ),
        (o) => o.id,
        query,
        true,
      ),
    listStalled: async ({ createdBefore, limit }) =>
      [...orders.values()]
        .filter((o) => o.status === 'PENDING' && o.stuckAt === null && o.createdAt < createdBefore)
        .sort((a, b) => (a.id < b.id ? -1 : 1))
        .slice(0, limit)
        .map(clone),
    markProcessed: async (id, patch) => {
      const order = orders.get(id);
      if (!order) return { kind: 'not-found' };
      if (order.status !== 'PENDING') return { kind: 'unchanged', order: clone(order) };
      Object.assign(order, { status: 'PROCESSED', failureReason: null, stuckAt: null, ...patch });
      return { kind: 'transitioned', order: clone(order) };
    },
    markStuck: async (id, at, reason) => {
      const order = orders.get(id);
      if (order?.status !== 'PENDING' || order.stuckAt !== null) return false;
      Object.assign(order, { stuckAt: at, failureReason: reason });
      return true;
    },
    clearStuck: async (id) => {
      const order = orders.get(id);
      if (order?.status !== 'PENDING' || order.stuckAt === null) return false;
      Object.assign(order, { stuckAt: null, failureReason: null });
      return true;
    },
    cancel: async (id, { by, reason }) => {
      const order = orders.get(id);
      if (!order) return { kind: 'not-found' };
      if (order.status !== 'PENDING') return { kind: 'unchanged', order: clone(order) };
      Object.assign(order, {
        status: 'CANCELLED',
        failureReason: reason,
        cancelledBy: by,
        stuckAt: null,
      });
      addSold(unitsByProduct(order.lines), -1);
      const stock = [...unitsByProduct(order.lines)].flatMap(([productId, units]) => {
        const product = products.get(productId);
        return product ? [bump(product, units)] : [];
      });
      return { kind: 'cancelled', order: clone(order), stock };
    },
  };

  const interactions: Interactions = {
    record: async (events) => {
      for (const event of events) {
        const mine = scores.get(event.userId) ?? new Map<string, CategoryScore>();
        scores.set(event.userId, mine);
        const stored = mine.get(event.category);
        const seen = stored && isAlive(stored.lastAt) ? stored : undefined;
        mine.set(event.category, {
          category: event.category,
          score: (seen?.score ?? 0) + EVENT_WEIGHTS[event.eventType],
          lastAt: seen && seen.lastAt > event.at ? seen.lastAt : event.at,
        });
      }
    },
    categoryScores: async (userId) =>
      [...(scores.get(userId)?.values() ?? [])].filter((s) => isAlive(s.lastAt)).map(clone),
    removeIdle: async ({ limit }) => {
      let removed = 0;
      for (const [userId, mine] of scores) {
        removed += removeFrom(mine, ([, score]) => !isAlive(score.lastAt), limit - removed);
        if (mine.size === 0) scores.delete(userId);
        if (removed >= limit) break;
      }
      return removed;
    },
  };

  return { catalog, carts: cartStore, orders: orderStore, interactions };
};
