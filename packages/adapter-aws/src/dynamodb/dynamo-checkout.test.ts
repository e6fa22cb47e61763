import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import type { Product } from '@sellout/core/catalog/product';
import { systemClock } from '@sellout/core/shared/system';
import { anOrder, aProduct } from '@sellout/core/testing/builders';
import { placeCommand } from '@sellout/core/testing/checkout-rules.contract';
import { CONTRACT_STORE_OPTIONS } from '@sellout/core/testing/store-factory';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { freshTables, localClient, withoutDynamoDb } from '../testing/dynamodb-test-tables';
import { createDynamoStore } from './dynamo-store';
import { numberAt, textAt } from './item';
import { stockItemKey } from './product-items';
import type { TableNames } from './table-definitions';

/*
 * What the contract suites cannot see: where the units sit among a product's stock shards, what
 * a checkout costs, and how long an idempotency record is kept.
 */
describe.skipIf(withoutDynamoDb)('DynamoDB checkout', () => {
  const client = withoutDynamoDb ? null : localClient();
  let drops: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const drop of drops) await drop();
    drops = [];
  });
  afterAll(() => client?.destroy());

  const open = async (stockShards: number, shared?: TableNames) => {
    let names = shared;
    if (!names) {
      const tables = await freshTables(client!, `c${stockShards}`);
      drops.push(tables.drop);
      names = tables.names;
    }
    const capacity: number[] = [];
    const store = createDynamoStore({
      client: client!,
      tables: names,
      stockShards,
      clock: systemClock,
      ...CONTRACT_STORE_OPTIONS,
      onConsumedCapacity: (units) => capacity.push(units),
    });
    return { ...store, names, capacity };
  };

  /** Each stock item's units, read straight from the table (shard 0 is the product item). */
  const shardLevels = async (names: TableNames, product: Product, shards: number) =>
    Promise.all(
      Array.from({ length: shards }, async (_, shard) => {
        const { Item } = await client!.send(
          new GetItemCommand({
            TableName: names.products,
            Key: stockItemKey(product.id, shard),
            ConsistentRead: true,
          }),
        );
        return numberAt(Item, 'stock');
      }),
    );

  const buy = (
    store: Awaited<ReturnType<typeof open>>,
    product: Product,
    quantity: number,
    user = 'u_1',
  ) =>
    store.orders.place(
      placeCommand({ order: anOrder(user, [{ productId: product.id, quantity }]) }),
    );

  it('sells exactly the stock over 8 shards: 300 buyers of 1–3 units for 50, no unit stranded', async () => {
    const store = await open(8);
    const product = aProduct({ stock: 50 });
    await store.catalog.create(product);
    expect(await shardLevels(store.names, product, 8)).toEqual([7, 7, 6, 6, 6, 6, 6, 6]);

    const seen: number[] = [];
    let rushing = true;
    // Someone watching the product page during the rush: never more than there was, never < 0.
    const watcher = (async () => {
      while (rushing) {
        seen.push((await store.catalog.get(product.id))!.stock);
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    })();
    const wanted = Array.from({ length: 300 }, (_, i) => 1 + (i % 3));
    const outcomes = await Promise.all(wanted.map((q, i) => buy(store, product, q, `u_${i}`)));
    rushing = false;
    await watcher;

    const sold = wanted.filter((_, i) => outcomes[i]!.kind === 'placed').reduce((a, b) => a + b, 0);
    expect(outcomes.every((o) => o.kind === 'placed' || o.kind === 'out-of-stock')).toBe(true);
    expect(sold).toBe(50);
    expect(await shardLevels(store.names, product, 8)).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
    expect((await store.catalog.get(product.id))!.stock).toBe(0);
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every((stock) => stock >= 0 && stock <= 50)).toBe(true);
    // Every refusal was told the truth: nothing (or less than asked) was left.
    for (const outcome of outcomes) {
      if (outcome.kind === 'out-of-stock') {
        const [line] = outcome.lines;
        expect(line!.available).toBeLessThan(line!.requested);
      }
    }
  }, 180_000);

  it('takes one order from several shards when one is short, as one version step', async () => {
    const store = await open(8);
    const product = aProduct({ stock: 5, version: 1 });
    await store.catalog.create(product);
    expect(await buy(store, product, 4)).toMatchObject({ kind: 'placed' });
    expect(await store.catalog.get(product.id)).toMatchObject({ stock: 1, version: 2 });
    const levels = await shardLevels(store.names, product, 8);
    expect(levels.reduce((a, b) => a + b, 0)).toBe(1);
    expect(levels.every((level) => level >= 0)).toBe(true);
    expect(await buy(store, product, 2)).toEqual({
      kind: 'out-of-stock',
      lines: [{ productId: product.id, requested: 2, available: 1 }],
    });
  });

  it('spreads a restock over the shards, one version step per restock', async () => {
    const store = await open(4);
    const product = aProduct({ stock: 0, version: 1 });
    await store.catalog.create(product);
    expect(await store.catalog.restock(product.id, 40)).toMatchObject({ stock: 40, version: 2 });
    expect(await shardLevels(store.names, product, 4)).toEqual([10, 10, 10, 10]);
    await store.catalog.restock(product.id, 2);
    const levels = await shardLevels(store.names, product, 4);
    expect(levels.filter((level) => level === 11)).toHaveLength(2);
    expect(await store.catalog.get(product.id)).toMatchObject({ stock: 42, version: 3 });
  });

  it('grows a product into more shards on restock once STOCK_SHARDS is raised, never fewer', async () => {
    const before = await open(1);
    const product = aProduct({ stock: 6, saleStartsAt: '2026-12-12T12:00:00.000Z' });
    await before.catalog.create(product);
    const raised = await open(3, before.names);
    expect(await raised.catalog.restock(product.id, 3)).toMatchObject({ stock: 9 });
    expect(await shardLevels(before.names, product, 3)).toEqual([7, 1, 1]);
    // The drop time travels with the stock: the new shards refuse to sell before it too.
    for (const shard of [1, 2]) {
      const { Item } = await client!.send(
        new GetItemCommand({
          TableName: before.names.products,
          Key: stockItemKey(product.id, shard),
          ConsistentRead: true,
        }),
      );
      expect(textAt(Item, 'saleStartsAt')).toBe(product.saleStartsAt);
    }
    const early = anOrder('u_1', [{ productId: product.id, quantity: 8 }], {
      createdAt: '2026-12-12T11:00:00.000Z',
    });
    expect(await raised.orders.place(placeCommand({ order: early }))).toMatchObject({
      kind: 'not-on-sale',
    });
    const lowered = await open(1, before.names);
    expect(await lowered.catalog.restock(product.id, 3)).toMatchObject({ stock: 12 });
    expect(await shardLevels(before.names, product, 3)).toEqual([8, 2, 2]);
    const late = anOrder('u_1', [{ productId: product.id, quantity: 12 }], {
      createdAt: '2026-12-12T13:00:00.000Z',
    });
    expect(await lowered.orders.place(placeCommand({ order: late }))).toMatchObject({
      kind: 'placed',
    });
    expect(await shardLevels(before.names, product, 3)).toEqual([0, 0, 0]);
  });

  it('moves a rescheduled drop onto every shard in one step', async () => {
    const store = await open(4);
    const product = aProduct({ stock: 8, version: 1 });
    await store.catalog.create(product);
    const opens = '2026-12-12T12:00:00.000Z';
    expect(await store.catalog.update(product.id, { saleStartsAt: opens })).toMatchObject({
      kind: 'updated',
      product: { saleStartsAt: opens, version: 2, stock: 8 },
    });
    for (let shard = 1; shard < 4; shard++) {
      const { Item } = await client!.send(
        new GetItemCommand({
          TableName: store.names.products,
          Key: stockItemKey(product.id, shard),
          ConsistentRead: true,
        }),
      );
      expect(textAt(Item, 'saleStartsAt')).toBe(opens);
    }
    await store.catalog.update(product.id, { saleStartsAt: null });
    expect(await buy(store, product, 8)).toMatchObject({ kind: 'placed' });
  });

  it('writes 12 capacity units for a one-line checkout on one shard, and says what adds to it', async () => {
    const store = await open(1);
    const product = aProduct({ stock: 100 });
    await store.catalog.create(product);
    // Orders item + its three index entries (by user, by status, by email), the stock item, the
    // order-number claim: 2 WCU each (transactional writes of items up to 1 KB). ADR 0011 has
    // the whole table.
    await buy(store, product, 1);
    const key = { key: 'k-1', requestHash: 'h' };
    await store.orders.place(
      placeCommand({
        order: anOrder('u_1', [{ productId: product.id, quantity: 1 }]),
        idempotency: key,
      }),
    );
    expect(store.capacity).toEqual([12, 14]);
  });

  it('treats an id too long to be a DynamoDB key as unknown, as SQLite would', async () => {
    const store = await open(1);
    const long = `p_${'a'.repeat(5000)}`;
    expect(await store.catalog.get(long)).toBeNull();
    expect(await store.catalog.getMany([long])).toEqual([]);
    expect(await store.catalog.update(long, { name: 'x' })).toEqual({ kind: 'not-found' });
    expect(await store.catalog.restock(long, 1)).toBeNull();
    const order = `o_${'a'.repeat(5000)}`;
    expect(await store.orders.get(order)).toBeNull();
    expect(await store.orders.cancel(order, { by: 'shop', reason: 'x' })).toEqual({
      kind: 'not-found',
    });
    expect(await store.orders.markStuck(order, '2026-01-01T00:00:00.000Z', 'x')).toBe(false);
  });

  it('keeps an idempotency record for at least 24 hours of real time', async () => {
    const store = await open(1);
    const product = aProduct();
    await store.catalog.create(product);
    const order = anOrder('u_1', [{ productId: product.id, quantity: 1 }]);
    await store.orders.place(placeCommand({ order, idempotency: { key: 'k', requestHash: 'h' } }));
    const { Item } = await client!.send(
      new GetItemCommand({
        TableName: store.names.idempotency,
        Key: { userId: { S: 'u_1' }, key: { S: 'k' } },
        ConsistentRead: true,
      }),
    );
    expect(numberAt(Item, 'expiresAt') - Date.now() / 1000).toBeGreaterThan(24 * 3600);
    expect(textAt(Item, 'orderId')).toBe(order.id);
  });
});
