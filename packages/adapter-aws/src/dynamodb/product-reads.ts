import { type DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { batchGet } from './batch-get';
import type { Item } from './item';
import {
  productKey,
  type StockItem,
  shardCountOf,
  stockItemKey,
  stockItemOf,
} from './product-items';

/** A product item and its other stock items (none for a product with one shard). */
export type StoredProduct = { item: Item; shards: StockItem[] };

const shardKeys = (item: Item) =>
  Array.from({ length: shardCountOf(item) - 1 }, (_, i) => stockItemKey(item.pk!.S!, i + 1));

/**
 * The stored products among `ids`, by id. Their shards are read after the product items (the
 * item says how many there are), so with several shards the sum is not a snapshot: a checkout
 * may land between two reads. That only ever shows a level a moment old (ADR 0012).
 */
export const readProducts = async (
  client: DynamoDBClient,
  table: string,
  ids: readonly string[],
  consistent: boolean,
): Promise<Map<string, StoredProduct>> => {
  const items = await batchGet(client, table, [...new Set(ids)].map(productKey), consistent);
  const sharded = items.filter((item) => shardCountOf(item) > 1);
  const shardItems =
    sharded.length === 0
      ? []
      : await batchGet(client, table, sharded.flatMap(shardKeys), consistent);
  const shardsOf = new Map<string, StockItem[]>();
  for (const shardItem of shardItems) {
    const pk = shardItem.pk!.S!;
    const id = pk.slice(0, pk.lastIndexOf('#'));
    shardsOf.set(id, [...(shardsOf.get(id) ?? []), stockItemOf(shardItem)]);
  }
  return new Map(
    items.map((item) => [item.pk!.S!, { item, shards: shardsOf.get(item.pk!.S!) ?? [] }]),
  );
};

export const readProduct = async (
  client: DynamoDBClient,
  table: string,
  id: string,
  consistent: boolean,
): Promise<StoredProduct | null> => {
  const { Item: item } = await client.send(
    new GetItemCommand({ TableName: table, Key: productKey(id), ConsistentRead: consistent }),
  );
  if (!item) return null;
  if (shardCountOf(item) === 1) return { item, shards: [] };
  const shards = await batchGet(client, table, shardKeys(item), consistent);
  return { item, shards: shards.map(stockItemOf) };
};
