import { type DynamoDBClient, TransactGetItemsCommand } from '@aws-sdk/client-dynamodb';
import { batchGet } from './batch-get';
import { cancellationReasons } from './cancellation';
import { type Item, textAt } from './item';
import { productKey, shardCountOf, stockItemKey, stockItemOf } from './product-items';
import { AGAIN, retryOnConflict } from './retries';

/** What checkout needs to know of one product: its stock items' levels and its drop time. */
export type ProductStock = {
  /** Units in each stock item, by shard number (0 is the product item). */
  levels: number[];
  saleStartsAt: string | null;
};

export const totalOf = (stock: ProductStock | null | undefined) =>
  stock ? stock.levels.reduce((sum, level) => sum + level, 0) : 0;

const stockKeys = (productId: string, shards: number) =>
  Array.from({ length: shards }, (_, shard) => stockItemKey(productId, shard));

const assemble = (productItem: Item, items: readonly Item[]): ProductStock => {
  const levels = Array.from({ length: shardCountOf(productItem) }, () => 0);
  for (const item of items) {
    const { shard, stock } = stockItemOf(item);
    if (shard < levels.length) levels[shard] = stock;
  }
  return { levels, saleStartsAt: textAt(productItem, 'saleStartsAt') };
};

const idOf = (item: Item) => {
  const pk = item.pk!.S!;
  const hash = pk.lastIndexOf('#');
  return hash < 0 ? pk : pk.slice(0, hash);
};

/**
 * Stock levels to plan a checkout with: a guess, not evidence (items are read one by one, and
 * eventually consistent reads may be a moment old). `knownShards` saves a round trip: with the
 * count known, all stock items come in one batch. Missing products map to null.
 */
export const readStock = async (
  client: DynamoDBClient,
  table: string,
  ids: readonly string[],
  knownShards: (productId: string) => number | undefined,
  consistent: boolean,
): Promise<Map<string, ProductStock | null>> => {
  const first = await batchGet(
    client,
    table,
    ids.flatMap((id) => stockKeys(id, knownShards(id) ?? 1)),
    consistent,
  );
  const byProduct = new Map<string, Item[]>();
  for (const item of first) byProduct.set(idOf(item), [...(byProduct.get(idOf(item)) ?? []), item]);
  // Products whose shard count was unknown and turned out larger: their other shards now.
  const more = ids.filter((id) => {
    const productItem = byProduct.get(id)?.find((item) => item.pk!.S === id);
    return productItem && shardCountOf(productItem) > (knownShards(id) ?? 1);
  });
  if (more.length > 0) {
    const keys = more.flatMap((id) => {
      const productItem = byProduct.get(id)!.find((item) => item.pk!.S === id)!;
      return stockKeys(id, shardCountOf(productItem)).slice(knownShards(id) ?? 1);
    });
    for (const item of await batchGet(client, table, keys, consistent)) {
      byProduct.get(idOf(item))!.push(item);
    }
  }
  return new Map(
    ids.map((id) => {
      const items = byProduct.get(id) ?? [];
      const productItem = items.find((item) => item.pk!.S === id);
      return [id, productItem ? assemble(productItem, items) : null];
    }),
  );
};

/** TransactGetItems reads at most 100 items. */
const MAX_SNAPSHOT_ITEMS = 100;

/** One more item to read in the same snapshot, e.g. the checkout's idempotency record. */
export type AlsoRead = { table: string; key: Item };

export type Snapshot = {
  stock: Map<string, ProductStock | null>;
  /** The extra item as the same instant saw it; null when it does not exist. */
  also: Item | null;
};

/**
 * The stock of every product of an order, and optionally one more item, as one instant saw
 * them: evidence enough to refuse a buyer. One TransactGetItems, which DynamoDB serialises with
 * the checkouts writing those items, so a duplicate checkout's transaction is seen whole or not
 * at all (plain reads are only read-committed item by item). Shard counts are read first and
 * checked again in the snapshot; an order with more stock items than one snapshot holds is read
 * product by product, each its own instant.
 */
export const snapshotStock = async (
  client: DynamoDBClient,
  table: string,
  ids: readonly string[],
  also?: AlsoRead,
): Promise<Snapshot> => {
  let shards = new Map(
    (await batchGet(client, table, ids.map(productKey), true)).map((item) => [
      item.pk!.S!,
      shardCountOf(item),
    ]),
  );
  const total = [...shards.values()].reduce((sum, n) => sum + n, 0) + (also ? 1 : 0);
  if (total > MAX_SNAPSHOT_ITEMS) {
    const stock = new Map<string, ProductStock | null>();
    for (const id of ids) stock.set(id, (await snapshotStock(client, table, [id])).stock.get(id)!);
    const extra = also ? await snapshotStock(client, table, [], also) : null;
    return { stock, also: extra?.also ?? null };
  }
  return retryOnConflict('reading stock', async () => {
    const keys = ids.flatMap((id) =>
      shards.has(id) ? stockKeys(id, shards.get(id)!).map((key) => ({ id, key })) : [],
    );
    const gets = [
      ...keys.map(({ key }) => ({ Get: { TableName: table, Key: key } })),
      ...(also ? [{ Get: { TableName: also.table, Key: also.key } }] : []),
    ];
    let items: (Item | undefined)[] = [];
    try {
      if (gets.length > 0) {
        const { Responses } = await client.send(
          new TransactGetItemsCommand({ TransactItems: gets }),
        );
        items = (Responses ?? []).map((response) => response.Item);
      }
    } catch (error) {
      // A checkout of these items was in flight: read again once it has landed.
      if (cancellationReasons(error)) return AGAIN;
      throw error;
    }
    const byProduct = new Map<string, Item[]>();
    keys.forEach(({ id }, i) => {
      const item = items[i];
      if (item) byProduct.set(id, [...(byProduct.get(id) ?? []), item]);
    });
    const stock = new Map<string, ProductStock | null>();
    const grown = new Map(shards);
    for (const id of ids) {
      const head = byProduct.get(id)?.find((item) => item.pk!.S === id);
      stock.set(id, head ? assemble(head, byProduct.get(id)!) : null);
      if (head && shardCountOf(head) !== shards.get(id)) grown.set(id, shardCountOf(head));
    }
    // Restocked into more shards since the counts were read: read them all.
    if ([...grown].some(([id, n]) => shards.get(id) !== n)) {
      shards = grown;
      return AGAIN;
    }
    return { stock, also: also ? (items[keys.length] ?? null) : null };
  });
};
