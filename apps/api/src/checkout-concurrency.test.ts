import { createDynamoStore } from '@sellout/adapter-aws/dynamodb/dynamo-store';
import type { TableNames } from '@sellout/adapter-aws/dynamodb/table-definitions';
import { localClient, withoutDynamoDb } from '@sellout/adapter-aws/testing/dynamodb-test-tables';
import { createSqliteStore } from '@sellout/adapter-local/sqlite/sqlite-store';
import { describe, expect, it, onTestFinished } from 'vitest';
import { createApp } from './app';
import {
  addToCart,
  allOrders,
  buyNow,
  checkOutCart,
  expectError,
  getOrder,
  type JsonResponse,
  jsonRequest,
  newShopper,
  type OrderBody,
  openTestApp,
  type PageBody,
  type PlacedBody,
  TEST_TTLS,
  type TestApp,
  userIdOf,
} from './testing/test-app';

/**
 * "Never oversell" through the whole HTTP stack: many distinct shoppers at once, against SQLite
 * and DynamoDB Local, with requests split over two connections to the same data (two SQLite
 * connections to one file; two DynamoDB clients and stores over one set of tables), as the
 * server and a second process would be. The acknowledged orders must account for every unit,
 * and a refusal is only allowed when the units it asked for were really gone.
 */

/** A small seeded generator, so a failure can be replayed exactly. */
const seededRandom = (seed: number) => {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let x = Math.imul(state ^ (state >>> 15), 1 | state);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4_294_967_296;
  };
};

/** A second store over the test app's data, with a connection (or client) of its own. */
const secondStore = (t: TestApp) => {
  if (t.file) {
    const second = createSqliteStore({
      file: t.file,
      clock: t.clock,
      guestDataTtlMs: TEST_TTLS.guestDataTtlMs,
    });
    onTestFinished(() => second.close());
    return second;
  }
  const client = localClient();
  onTestFinished(() => client.destroy());
  const { tables } = t.store as { tables: TableNames };
  return createDynamoStore({
    client,
    tables,
    stockShards: 1,
    clock: t.clock,
    guestDataTtlMs: TEST_TTLS.guestDataTtlMs,
  });
};

/** Two apps over one store's data: the test app's connection and a second one. */
const twoConnections = (t: TestApp) => {
  const second = secondStore(t);
  const other = createApp({
    ...t.deps,
    catalog: second.catalog,
    carts: second.carts,
    orders: second.orders,
    interactions: second.interactions,
  });
  return [t.app, other] as const;
};

const adminOrderIds = async (t: TestApp) => {
  const ids: string[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < 1_000; page++) {
    const path: string = `/api/admin/orders?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const response = await jsonRequest<PageBody<OrderBody>>(t.app, 'GET', path, undefined, {
      token: t.adminToken,
    });
    expect(response.status).toBe(200);
    ids.push(...response.body.items.map((o) => o.id));
    cursor = response.body.nextCursor;
    if (cursor === null) return ids;
  }
  throw new Error('the admin order list did not end');
};

/** Each acknowledged order exists, as its owner sees it, exactly as the 201 said. */
const expectEveryAcknowledgedOrderStored = async (
  t: TestApp,
  acknowledged: { token: string; response: JsonResponse<PlacedBody> }[],
) => {
  for (const { token, response } of acknowledged) {
    const got = await getOrder(t.app, token, response.body.orderId);
    expect(got.status).toBe(200);
    expect(got.body).toEqual(response.body.order);
  }
  const listed = await adminOrderIds(t);
  expect(new Set(listed).size).toBe(listed.length);
  expect([...listed].sort()).toEqual(acknowledged.map((a) => a.response.body.orderId).sort());
};

type ShortItem = { productId: string; requested: number; available: number };

const STORES = withoutDynamoDb ? (['sqlite'] as const) : (['sqlite', 'dynamodb'] as const);

describe.each(STORES)('checkout under a rush, through HTTP against %s', (store) => {
  it('240 shoppers buying 1–3 units of a 50-unit product: every unit sold once, none oversold', async () => {
    const t = await openTestApp({ store });
    const initial = 50;
    const product = await t.seed({ sku: 'RUSH-BUY-NOW', stock: initial });
    const apps = twoConnections(t);
    const random = seededRandom(20_260_101);
    const buyers = await Promise.all(
      Array.from({ length: 240 }, async (_, i) => ({
        token: await newShopper(t.app),
        quantity: 1 + Math.floor(random() * 3),
        app: apps[i % 2]!,
      })),
    );

    const responses = await Promise.all(
      buyers.map(async (buyer) => ({
        ...buyer,
        response: await buyNow(buyer.app, buyer.token, product.id, buyer.quantity, {
          key: `rush-${userIdOf(buyer.token)}`,
        }),
      })),
    );

    const acknowledged = responses.filter((r) => r.response.status === 201);
    const refused = responses.filter((r) => r.response.status !== 201);
    for (const { response, quantity } of refused) {
      const error = expectError(response, 409, 'OUT_OF_STOCK');
      const [item] = (error.details?.items ?? []) as ShortItem[];
      expect(item).toEqual({
        productId: product.id,
        requested: quantity,
        available: expect.any(Number),
      });
      expect(item!.available).toBeLessThan(quantity);
    }
    const sold = acknowledged.reduce((sum, a) => sum + a.quantity, 0);
    const final = (await t.deps.catalog.get(product.id))!.stock;
    expect(sold).toBeLessThanOrEqual(initial);
    expect(final).toBe(initial - sold);
    // Fewer than 50 only when what is left is too little for every refused request.
    for (const { quantity } of refused) expect(final).toBeLessThan(quantity);
    for (const { response, quantity } of acknowledged) {
      expect(response.body.order.lines).toEqual([
        expect.objectContaining({ productId: product.id, quantity }),
      ]);
    }
    expect(acknowledged.length).toBeGreaterThan(0);
    expect(refused.length).toBeGreaterThan(0);
    await expectEveryAcknowledgedOrderStored(t, acknowledged);

    // Live stock updates never showed a negative level, and the lowest one is where it ended.
    // (A DynamoDB transaction returns no levels: its live updates come from the stream.)
    if (store === 'sqlite') {
      const levels = t.live.events.flatMap((e) =>
        e.type === 'stock' && e.productId === product.id ? [e.stock] : [],
      );
      expect(levels).toHaveLength(acknowledged.length);
      expect(Math.min(...levels)).toBe(final);
    }
  }, 120_000);

  it('150 shoppers checking out carts of several scarce products: every refusal was a real shortage', async () => {
    const t = await openTestApp({ store });
    const products = await Promise.all(
      [12, 20, 8, 30, 15].map((stock, i) => t.seed({ sku: `RUSH-CART-${i}`, stock })),
    );
    const initial = new Map(products.map((p) => [p.id, p.stock]));
    const apps = twoConnections(t);
    const random = seededRandom(42);
    const shoppers: { token: string; lines: Map<string, number>; app: (typeof apps)[number] }[] =
      [];
    for (let i = 0; i < 150; i++) {
      const token = await newShopper(t.app);
      const lines = new Map<string, number>();
      const distinct = 1 + Math.floor(random() * 3);
      for (let tries = 0; lines.size < distinct && tries < 20; tries++) {
        const product = products[Math.floor(random() * products.length)]!;
        if (!lines.has(product.id)) lines.set(product.id, 1 + Math.floor(random() * 3));
      }
      for (const [productId, quantity] of lines) await addToCart(t.app, token, productId, quantity);
      shoppers.push({ token, lines, app: apps[i % 2]! });
    }

    const results = await Promise.all(
      shoppers.map(async (shopper) => ({
        ...shopper,
        response: await checkOutCart(shopper.app, shopper.token, {
          key: `cart-${userIdOf(shopper.token)}`,
        }),
      })),
    );

    const acknowledged = results.filter((r) => r.response.status === 201);
    const refused = results.filter((r) => r.response.status !== 201);
    expect(acknowledged.length).toBeGreaterThan(0);
    expect(refused.length).toBeGreaterThan(0);
    const final = new Map(
      await Promise.all(
        products.map(async (p) => [p.id, (await t.deps.catalog.get(p.id))!.stock] as const),
      ),
    );
    for (const product of products) {
      const sold = acknowledged.reduce((sum, a) => sum + (a.lines.get(product.id) ?? 0), 0);
      expect(final.get(product.id)).toBeGreaterThanOrEqual(0);
      expect(final.get(product.id)).toBe(initial.get(product.id)! - sold);
    }
    for (const { response, lines, token } of refused) {
      const error = expectError(response, 409, 'OUT_OF_STOCK');
      const items = (error.details?.items ?? []) as ShortItem[];
      expect(items.length).toBeGreaterThan(0);
      for (const item of items) {
        expect(item.requested).toBe(lines.get(item.productId));
        expect(item.available).toBeLessThan(item.requested);
      }
      // Stock only goes down during the rush, so what was short then is still short now.
      expect([...lines].some(([productId, quantity]) => quantity > final.get(productId)!)).toBe(
        true,
      );
      // The refused shopper keeps their cart as it was.
      const cart = await t.deps.carts.get(userIdOf(token));
      expect(new Map(cart.map((l) => [l.productId, l.quantity]))).toEqual(lines);
    }
    for (const { response, lines, token } of acknowledged) {
      expect(new Map(response.body.order.lines.map((l) => [l.productId, l.quantity]))).toEqual(
        lines,
      );
      expect(await t.deps.carts.get(userIdOf(token))).toEqual([]);
    }
    await expectEveryAcknowledgedOrderStored(t, acknowledged);
    expect(await allOrders(t.deps.orders)).toHaveLength(acknowledged.length);
  }, 120_000);
});

describe('checkout under a rush, through HTTP, in memory', () => {
  it('the in-memory store gives the same guarantee to 200 buyers of the last 50 units', async () => {
    const t = await openTestApp({ store: 'memory' });
    const product = await t.seed({ sku: 'RUSH-MEMORY', stock: 50 });
    const random = seededRandom(7);
    const buyers = await Promise.all(
      Array.from({ length: 200 }, async () => ({
        token: await newShopper(t.app),
        quantity: 1 + Math.floor(random() * 3),
      })),
    );
    const results = await Promise.all(
      buyers.map(async (b) => ({
        ...b,
        response: await buyNow(t.app, b.token, product.id, b.quantity),
      })),
    );
    const acknowledged = results.filter((r) => r.response.status === 201);
    const refused = results.filter((r) => r.response.status !== 201);
    for (const { response } of refused) expectError(response, 409, 'OUT_OF_STOCK');
    const sold = acknowledged.reduce((sum, a) => sum + a.quantity, 0);
    const final = (await t.deps.catalog.get(product.id))!.stock;
    expect(final).toBe(50 - sold);
    for (const { quantity } of refused) expect(final).toBeLessThan(quantity);
    await expectEveryAcknowledgedOrderStored(t, acknowledged);
  }, 60_000);
});
