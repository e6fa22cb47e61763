import type { Product } from '@sellout/core/catalog/product';
import { type Item, numberAt } from './item';

/*
 * How a product lives in the products table (ADR 0012): the product item (`pk` = product id)
 * holds the description, the shard count and stock shard 0; shards 1…n-1 are items of their
 * own (`pk` = `<id>#<n>`), each in its own partition, so a hot product's checkouts spread over
 * n partitions. Every stock item carries `stock`, `version` and `sold`: the product's stock,
 * version and units sold are the sums over its stock items.
 */

/** Most stock shards per product: a restock touches all of them in one transaction. */
export const MAX_STOCK_SHARDS = 32;

/** The `catalog` index partition every product item is listed under. */
export const CATALOG_PARTITION = 'all';

/** One stock item: the product item (shard 0) or a shard item. */
export type StockItem = { shard: number; stock: number; version: number; sold: number };

export const productKey = (productId: string): Item => ({ pk: { S: productId } });

export const stockItemKey = (productId: string, shard: number): Item =>
  shard === 0 ? productKey(productId) : { pk: { S: `${productId}#${shard}` } };

export const shardCountOf = (item: Item) => Math.max(1, numberAt(item, 'shards'));

export const stockItemOf = (item: Item): StockItem => {
  const pk = item.pk?.S ?? '';
  const hash = pk.lastIndexOf('#');
  return {
    shard: hash < 0 ? 0 : Number(pk.slice(hash + 1)),
    stock: numberAt(item, 'stock'),
    version: numberAt(item, 'version'),
    sold: numberAt(item, 'sold'),
  };
};

/** The product of a product item and its other stock items (none when it has one shard). */
export const toProduct = (item: Item, shards: readonly StockItem[]): Product => {
  const all = [stockItemOf(item), ...shards];
  return {
    id: item.pk!.S!,
    sku: item.sku!.S!,
    name: item.name!.S!,
    description: item.description!.S!,
    category: item.category!.S!,
    priceCents: numberAt(item, 'priceCents'),
    currency: item.currency!.S!,
    stock: all.reduce((sum, s) => sum + s.stock, 0),
    maxPerOrder: item.maxPerOrder?.N === undefined ? null : Number(item.maxPerOrder.N),
    imageUrl: item.imageUrl!.S!,
    version: all.reduce((sum, s) => sum + s.version, 0),
    saleStartsAt: item.saleStartsAt?.S ?? null,
    maxPerCustomer: item.maxPerCustomer?.N === undefined ? null : Number(item.maxPerCustomer.N),
  };
};

/** Units of the product in orders that were not cancelled, over all its stock items. */
export const unitsSold = (item: Item, shards: readonly StockItem[]) =>
  [stockItemOf(item), ...shards].reduce((sum, s) => sum + s.sold, 0);

const nullableNumber = (value: number | null) =>
  value === null ? { NULL: true as const } : { N: String(value) };

/**
 * The descriptive attributes of a product item, as written by create and update. The drop time
 * is not among them: it is absent when null (checkout conditions test attribute_not_exists) and
 * copied onto every shard item, so each shard's decrement checks it without the product item.
 */
export const descriptionAttributes = (
  product: Omit<Product, 'id' | 'stock' | 'version' | 'saleStartsAt'>,
): Item => ({
  sku: { S: product.sku },
  name: { S: product.name },
  description: { S: product.description },
  category: { S: product.category },
  priceCents: { N: String(product.priceCents) },
  currency: { S: product.currency },
  maxPerOrder: nullableNumber(product.maxPerOrder),
  imageUrl: { S: product.imageUrl },
  maxPerCustomer: nullableNumber(product.maxPerCustomer),
});

/** The drop time as a stock item carries it: absent when the product is on sale now. */
export const saleAttribute = (saleStartsAt: string | null): Item =>
  saleStartsAt === null ? {} : { saleStartsAt: { S: saleStartsAt } };

/**
 * `units` split as evenly as possible over `shards`, the remainder going to the shards from
 * `start` on, so repeated small restocks do not all land on shard 0.
 */
export const spread = (units: number, shards: number, start = 0): number[] => {
  const base = Math.floor(units / shards);
  const extra = units % shards;
  return Array.from(
    { length: shards },
    (_, shard) => base + ((shard - start + shards) % shards < extra ? 1 : 0),
  );
};
