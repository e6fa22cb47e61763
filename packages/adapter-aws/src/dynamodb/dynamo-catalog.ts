import {
  ConditionalCheckFailedException,
  type DynamoDBClient,
  QueryCommand,
  type TransactWriteItem,
  TransactWriteItemsCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import type { Catalog } from '@sellout/core/catalog/catalog-port';
import type { Product, ProductPatch, ProductWithSales } from '@sellout/core/catalog/product';
import type { Page } from '@sellout/core/shared/pagination';
import { cancellationReasons, isTransient } from './cancellation';
import { fitsKey, type Item, textAt } from './item';
import {
  CATALOG_PARTITION,
  descriptionAttributes,
  MAX_STOCK_SHARDS,
  productKey,
  saleAttribute,
  shardCountOf,
  spread,
  stockItemKey,
  toProduct,
  unitsSold,
} from './product-items';
import { readProduct, readProducts } from './product-reads';
import { AGAIN, retryOnConflict } from './retries';
import { translateStoreErrors } from './store-errors';
import type { TableNames } from './table-definitions';

type UpdateOutcome = Awaited<ReturnType<Catalog['update']>>;

const skuKey = (sku: string): Item => ({ pk: { S: `sku#${sku}` } });

/** Fields a patch did not mention keep their value; `maxPerOrder: null` clears the limit. */
const applyPatch = (product: Product, patch: ProductPatch): Product => ({
  ...product,
  ...Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined)),
});

/**
 * The product item's part of a patch: `SET` of the patched descriptive fields, the drop time set
 * or removed, and one version step: one change, one version.
 */
const patchUpdate = (next: Product, patch: ProductPatch) => {
  const attributes = descriptionAttributes(next);
  const fields = Object.keys(patch).filter(
    (field) => field !== 'saleStartsAt' && patch[field as keyof ProductPatch] !== undefined,
  );
  const sets = [...fields.map((_, i) => `#f${i} = :f${i}`), 'version = version + :one'];
  if (patch.saleStartsAt) sets.push('saleStartsAt = :sale');
  return {
    UpdateExpression: `SET ${sets.join(', ')}${patch.saleStartsAt === null ? ' REMOVE saleStartsAt' : ''}`,
    ...(fields.length > 0 && {
      ExpressionAttributeNames: Object.fromEntries(fields.map((field, i) => [`#f${i}`, field])),
    }),
    ExpressionAttributeValues: {
      ':one': { N: '1' },
      ...Object.fromEntries(fields.map((field, i) => [`:f${i}`, attributes[field]!])),
      ...(patch.saleStartsAt && { ':sale': { S: patch.saleStartsAt } }),
    },
  };
};

/** The drop time onto a shard item, in the transaction that changes it on the product. */
const shardSaleUpdate = (
  table: string,
  productId: string,
  shard: number,
  saleStartsAt: string | null,
): TransactWriteItem => ({
  Update: {
    TableName: table,
    Key: stockItemKey(productId, shard),
    UpdateExpression: saleStartsAt === null ? 'REMOVE saleStartsAt' : 'SET saleStartsAt = :sale',
    ConditionExpression: 'attribute_exists(pk)',
    ...(saleStartsAt !== null && { ExpressionAttributeValues: { ':sale': { S: saleStartsAt } } }),
  },
});

export type DynamoCatalogOptions = {
  client: DynamoDBClient;
  tables: Pick<TableNames, 'products' | 'uniques'>;
  /** Stock shards for products created or restocked from now on (STOCK_SHARDS). */
  stockShards: number;
};

export const createDynamoCatalog = ({
  client,
  tables,
  stockShards,
}: DynamoCatalogOptions): Catalog => {
  if (!Number.isInteger(stockShards) || stockShards < 1 || stockShards > MAX_STOCK_SHARDS) {
    throw new Error(`stockShards must be a whole number from 1 to ${MAX_STOCK_SHARDS}`);
  }

  const getProduct = async (id: string) => {
    if (!fitsKey(id)) return null;
    const stored = await readProduct(client, tables.products, id, true);
    return stored ? toProduct(stored.item, stored.shards) : null;
  };

  /** Product ids of one index partition, in id order, strictly after `after`. */
  const queryIds = async (
    category: string | null,
    after: string | null,
    limit: number,
    startKey?: Item,
  ) => {
    const partition = category === null ? 'catalog' : 'category';
    const response = await client.send(
      new QueryCommand({
        TableName: tables.products,
        IndexName: category === null ? 'catalog' : 'by-category',
        KeyConditionExpression:
          after === null ? '#partition = :partition' : '#partition = :partition AND pk > :after',
        ExpressionAttributeNames: { '#partition': partition },
        ExpressionAttributeValues: {
          ':partition': { S: category ?? CATALOG_PARTITION },
          ...(after !== null && { ':after': { S: after } }),
        },
        Limit: limit,
        ...(startKey && { ExclusiveStartKey: startKey }),
      }),
    );
    return {
      ids: (response.Items ?? []).map((item) => item.pk!.S!),
      lastKey: response.LastEvaluatedKey,
    };
  };

  /** Products in id order; ids the index knows but the table no longer has are skipped. */
  const productsInOrder = async (ids: string[], consistent: boolean) => {
    const stored = await readProducts(client, tables.products, ids, consistent);
    return ids.flatMap((id) => {
      const found = stored.get(id);
      return found ? [{ product: toProduct(found.item, found.shards), stored: found }] : [];
    });
  };

  type Listed = Awaited<ReturnType<typeof productsInOrder>>[number];

  const listPage = async <T extends Product>(
    { category, after, limit }: { category: string | null; after: string | null; limit: number },
    toItem: (listed: Listed) => T,
  ): Promise<Page<T>> => {
    if (category !== null && !fitsKey(category)) return { items: [], next: null };
    // Browsing tolerates a level a moment old, so the items are read eventually consistent
    // (half the cost); one id more than asked tells whether another page follows.
    const { ids } = await queryIds(category, after, limit + 1);
    const items = (await productsInOrder(ids.slice(0, limit), false)).map(toItem);
    return { items, next: ids.length > limit ? (ids[limit - 1] ?? null) : null };
  };

  return translateStoreErrors<Catalog>({
    get: getProduct,

    async getMany(ids) {
      const known = [...new Set(ids)].filter(fitsKey);
      if (known.length === 0) return [];
      return (await productsInOrder(known, true)).map((p) => p.product);
    },

    async list(query) {
      return listPage(query, ({ product }) => product);
    },

    async listWithSales(query) {
      // Units sold are the per-stock-item `sold` counters checkout and cancel keep: summed
      // here, for one page, rather than kept in a shop-wide index every checkout would write.
      return listPage(
        query,
        ({ product, stored }): ProductWithSales => ({
          ...product,
          unitsSold: unitsSold(stored.item, stored.shards),
        }),
      );
    },

    async create(product) {
      const portions = spread(product.stock, stockShards);
      const actions: TransactWriteItem[] = [
        {
          Put: {
            TableName: tables.products,
            Item: {
              ...productKey(product.id),
              catalog: { S: CATALOG_PARTITION },
              ...descriptionAttributes(product),
              ...saleAttribute(product.saleStartsAt),
              shards: { N: String(stockShards) },
              stock: { N: String(portions[0]) },
              version: { N: String(product.version) },
              sold: { N: '0' },
            },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
        {
          Put: {
            TableName: tables.uniques,
            Item: { ...skuKey(product.sku), ownerId: { S: product.id } },
            ConditionExpression: 'attribute_not_exists(pk)',
            ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
          },
        },
        ...portions.slice(1).map(
          (units, i): TransactWriteItem => ({
            Put: {
              TableName: tables.products,
              Item: {
                ...stockItemKey(product.id, i + 1),
                ...saleAttribute(product.saleStartsAt),
                stock: { N: String(units) },
                version: { N: '0' },
                sold: { N: '0' },
              },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          }),
        ),
      ];
      return retryOnConflict('creating a product', async () => {
        try {
          await client.send(new TransactWriteItemsCommand({ TransactItems: actions }));
          return { kind: 'created' as const };
        } catch (error) {
          const reasons = cancellationReasons(error);
          if (!reasons) throw error;
          const owner = textAt(reasons[1]?.item, 'ownerId');
          if (reasons[1]?.code === 'ConditionalCheckFailed' && owner !== null) {
            return { kind: 'duplicate-sku' as const, productId: owner };
          }
          // A taken product id is a bug, not an outcome; it surfaces as the SDK's error.
          if (reasons.some(isTransient)) return AGAIN;
          throw error;
        }
      });
    },

    async update(id, patch) {
      return retryOnConflict(
        'updating a product',
        async (): Promise<UpdateOutcome | typeof AGAIN> => {
          const stored = fitsKey(id) ? await readProduct(client, tables.products, id, true) : null;
          if (!stored) return { kind: 'not-found' };
          const current = toProduct(stored.item, stored.shards);
          const shards = shardCountOf(stored.item);
          const next = applyPatch(current, patch);
          const update = patchUpdate(next, patch);
          // The product item changes only if it still has the SKU and shards just read, so a
          // concurrent SKU change or restock into new shards makes this attempt start over.
          const productUpdate = {
            TableName: tables.products,
            Key: productKey(id),
            ...update,
            ConditionExpression: 'sku = :sku AND shards = :shards',
            ExpressionAttributeValues: {
              ...update.ExpressionAttributeValues,
              ':sku': { S: current.sku },
              ':shards': { N: String(shards) },
            },
          };
          const actions: TransactWriteItem[] = [{ Update: productUpdate }];
          const skuMoves = next.sku !== current.sku;
          if (skuMoves) {
            // The SKU's claim moves in the same transaction: two products never share one.
            actions.push(
              {
                Put: {
                  TableName: tables.uniques,
                  Item: { ...skuKey(next.sku), ownerId: { S: id } },
                  ConditionExpression: 'attribute_not_exists(pk)',
                  ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
                },
              },
              {
                Delete: {
                  TableName: tables.uniques,
                  Key: skuKey(current.sku),
                  ConditionExpression: 'ownerId = :id',
                  ExpressionAttributeValues: { ':id': { S: id } },
                },
              },
            );
          }
          if (patch.saleStartsAt !== undefined) {
            for (let shard = 1; shard < shards; shard++) {
              actions.push(shardSaleUpdate(tables.products, id, shard, next.saleStartsAt));
            }
          }
          try {
            if (actions.length === 1) {
              await client.send(new UpdateItemCommand(productUpdate));
            } else {
              await client.send(new TransactWriteItemsCommand({ TransactItems: actions }));
            }
          } catch (error) {
            if (error instanceof ConditionalCheckFailedException) return AGAIN;
            const reasons = cancellationReasons(error);
            if (!reasons) throw error;
            const owner = textAt(reasons[1]?.item, 'ownerId');
            if (skuMoves && reasons[1]?.code === 'ConditionalCheckFailed' && owner !== id) {
              if (owner !== null) return { kind: 'duplicate-sku', productId: owner };
            }
            return AGAIN;
          }
          const updated = await getProduct(id);
          return updated ? { kind: 'updated', product: updated } : { kind: 'not-found' };
        },
      );
    },

    async bestSellers({ category, limit }) {
      // Ranked from the catalog itself: a sorted index on units sold would be rewritten by every
      // checkout, one hot partition for the whole shop. Only recommendations ask (ADR 0011).
      const ids: string[] = [];
      let startKey: Item | undefined;
      do {
        const page = await queryIds(category, null, 1000, startKey);
        ids.push(...page.ids);
        startKey = page.lastKey;
      } while (startKey);
      return (await productsInOrder(ids, false))
        .filter(({ product }) => product.stock > 0)
        .map(({ product, stored }) => ({ product, sold: unitsSold(stored.item, stored.shards) }))
        .sort((a, b) => b.sold - a.sold || (a.product.id < b.product.id ? 1 : -1))
        .slice(0, limit)
        .map(({ product }) => product);
    },

    async restock(id, quantity) {
      if (!fitsKey(id)) return null;
      return retryOnConflict('restocking a product', async () => {
        const stored = await readProduct(client, tables.products, id, true);
        if (!stored) return null;
        const current = shardCountOf(stored.item);
        const saleStartsAt = textAt(stored.item, 'saleStartsAt');
        // Shards only grow: units already in a shard stay sellable where they are.
        const target = Math.max(current, stockShards);
        const portions = spread(quantity, target, Math.floor(Math.random() * target));
        const actions: TransactWriteItem[] = [];
        // One version step per restock, however many stock items it touches.
        let versionStep = 1;
        const step = () => {
          const value = versionStep;
          versionStep = 0;
          return { N: String(value) };
        };
        if (portions[0]! > 0 || target > current) {
          actions.push({
            Update: {
              TableName: tables.products,
              Key: productKey(id),
              UpdateExpression: 'SET shards = :target ADD stock :units, version :step',
              // New shards copy the drop time read just now: it must not have moved since.
              ConditionExpression:
                saleStartsAt === null
                  ? 'shards = :current AND attribute_not_exists(saleStartsAt)'
                  : 'shards = :current AND saleStartsAt = :sale',
              ExpressionAttributeValues: {
                ':target': { N: String(target) },
                ':current': { N: String(current) },
                ':units': { N: String(portions[0]) },
                ':step': step(),
                ...(saleStartsAt !== null && { ':sale': { S: saleStartsAt } }),
              },
            },
          });
        }
        portions.forEach((units, shard) => {
          if (shard === 0) return;
          if (shard >= current) {
            actions.push({
              Put: {
                TableName: tables.products,
                Item: {
                  ...stockItemKey(id, shard),
                  ...saleAttribute(saleStartsAt),
                  stock: { N: String(units) },
                  version: units > 0 ? step() : { N: '0' },
                  sold: { N: '0' },
                },
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            });
          } else if (units > 0) {
            actions.push({
              Update: {
                TableName: tables.products,
                Key: stockItemKey(id, shard),
                UpdateExpression: 'ADD stock :units, version :step',
                ConditionExpression: 'attribute_exists(pk)',
                ExpressionAttributeValues: { ':units': { N: String(units) }, ':step': step() },
              },
            });
          }
        });
        try {
          if (actions.length === 1 && actions[0]!.Update) {
            // One item: a plain conditional update, which never conflicts like a transaction.
            await client.send(new UpdateItemCommand(actions[0]!.Update));
          } else {
            await client.send(new TransactWriteItemsCommand({ TransactItems: actions }));
          }
        } catch (error) {
          const conditionFailed =
            error instanceof Error && error.name === 'ConditionalCheckFailedException';
          // The shard count grew meanwhile, or a transaction touched the same items: again.
          if (conditionFailed || cancellationReasons(error)) return AGAIN;
          throw error;
        }
        return getProduct(id);
      });
    },
  });
};
