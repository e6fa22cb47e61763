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

/**
 * The stock of each product as one instant saw it: evidence enough to refuse a buyer. A product
 * with one shard is one item, so a consistent read is a snapshot; several shards are read in
 * one TransactGetItems, which DynamoDB serialises with the checkouts that write them.
 */
export const snapshotStock = async (
  client: DynamoDBClient,
  table: string,
  ids: readonly string[],
): Promise<Map<string, ProductStock | null>> => {
  const productItems = new Map(
    (await batchGet(client, table, ids.map(productKey), true)).map((item) => [item.pk!.S!, item]),
  );
  const snapshots = new Map<string, ProductStock | null>();
  await Promise.all(
    ids.map(async (id) => {
      const productItem = productItems.get(id);
      if (!productItem) return snapshots.set(id, null);
      if (shardCountOf(productItem) === 1) {
        return snapshots.set(id, assemble(productItem, [productItem]));
      }
      let shards = shardCountOf(productItem);
      const snapshot = await retryOnConflict('reading stock', async () => {
        try {
          const { Responses } = await client.send(
            new TransactGetItemsCommand({
              TransactItems: stockKeys(id, shards).map((Key) => ({
                Get: { TableName: table, Key },
              })),
            }),
          );
          const items = (Responses ?? []).flatMap((response) =>
            response.Item ? [response.Item] : [],
          );
          const head = items.find((item) => item.pk!.S === id);
          if (!head) return null;
          // Restocked into more shards since the count was read: read them all.
          if (shardCountOf(head) !== shards) {
            shards = shardCountOf(head);
            return AGAIN;
          }
          return assemble(head, items);
        } catch (error) {
          // A checkout of this product was in flight: read again once it has landed.
          if (cancellationReasons(error)) return AGAIN;
          throw error;
        }
      });
      snapshots.set(id, snapshot);
    }),
  );
  return snapshots;
};
