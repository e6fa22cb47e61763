import {
  type DynamoDBClient,
  QueryCommand,
  type TransactWriteItem,
  TransactWriteItemsCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import type { Catalog } from '@sellout/core/catalog/catalog-port';
import type { Product, ProductPatch } from '@sellout/core/catalog/product';
import type { Page } from '@sellout/core/shared/pagination';
import { cancellationReasons, isTransient } from './cancellation';
import { type Item, textAt } from './item';
import {
  CATALOG_PARTITION,
  descriptionAttributes,
  MAX_STOCK_SHARDS,
  productKey,
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

/** `SET` of the patched descriptive fields, and a version bump: one change, one version. */
const patchUpdate = (next: Product, patch: ProductPatch) => {
  const attributes = descriptionAttributes(next);
  const fields = Object.keys(patch).filter(
    (field) => patch[field as keyof ProductPatch] !== undefined,
  );
  return {
    UpdateExpression: `SET ${fields.map((_, i) => `#f${i} = :f${i}`).join(', ')}${
      fields.length > 0 ? ', ' : ''
    }version = version + :one`,
    ExpressionAttributeNames: Object.fromEntries(fields.map((field, i) => [`#f${i}`, field])),
    ExpressionAttributeValues: {
      ':one': { N: '1' },
      ...Object.fromEntries(fields.map((field, i) => [`:f${i}`, attributes[field]!])),
    },
  };
};

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

  return translateStoreErrors<Catalog>({
    get: getProduct,

    async getMany(ids) {
      if (ids.length === 0) return [];
      return (await productsInOrder([...new Set(ids)], true)).map((p) => p.product);
    },

    async list({ category, after, limit }) {
      // Browsing tolerates a level a moment old, so the items are read eventually consistent
      // (half the cost); one id more than asked tells whether another page follows.
      const { ids } = await queryIds(category, after, limit + 1);
      const items = (await productsInOrder(ids.slice(0, limit), false)).map((p) => p.product);
      const page: Page<Product> = {
        items,
        next: ids.length > limit ? (ids[limit - 1] ?? null) : null,
      };
      return page;
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
          const current = await getProduct(id);
          if (!current) return { kind: 'not-found' };
          const next = applyPatch(current, patch);
          const update = patchUpdate(next, patch);
          if (next.sku === current.sku) {
            try {
              await client.send(
                new UpdateItemCommand({
                  TableName: tables.products,
                  Key: productKey(id),
                  ...update,
                  ConditionExpression: 'attribute_exists(pk) AND sku = :sku',
                  ExpressionAttributeValues: {
                    ...update.ExpressionAttributeValues,
                    ':sku': { S: current.sku },
                  },
                }),
              );
            } catch (error) {
              // The SKU changed meanwhile (or the product went): read again and decide again.
              if (error instanceof Error && error.name === 'ConditionalCheckFailedException') {
                return AGAIN;
              }
              throw error;
            }
          } else {
            // A new SKU moves its claim in the same transaction, so two products can never
            // end up with one SKU, whatever runs at the same time.
            try {
              await client.send(
                new TransactWriteItemsCommand({
                  TransactItems: [
                    {
                      Update: {
                        TableName: tables.products,
                        Key: productKey(id),
                        ...update,
                        ConditionExpression: 'sku = :sku',
                        ExpressionAttributeValues: {
                          ...update.ExpressionAttributeValues,
                          ':sku': { S: current.sku },
                        },
                      },
                    },
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
                  ],
                }),
              );
            } catch (error) {
              const reasons = cancellationReasons(error);
              if (!reasons) throw error;
              const owner = textAt(reasons[1]?.item, 'ownerId');
              if (reasons[1]?.code === 'ConditionalCheckFailed' && owner !== null && owner !== id) {
                return { kind: 'duplicate-sku', productId: owner };
              }
              return AGAIN;
            }
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
      return retryOnConflict('restocking a product', async () => {
        const stored = await readProduct(client, tables.products, id, true);
        if (!stored) return null;
        const current = shardCountOf(stored.item);
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
              ConditionExpression: 'shards = :current',
              ExpressionAttributeValues: {
                ':target': { N: String(target) },
                ':current': { N: String(current) },
                ':units': { N: String(portions[0]) },
                ':step': step(),
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
