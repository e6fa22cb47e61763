/*
 * The shape of every DynamoDB table Sellout uses, as plain data: the local AWS mode creates
 * tables from it (create-tables.ts) and the CDK stacks turn the same records into
 * `dynamodb.TableV2`, so the local shape cannot drift from the deployed one. No SDK imports
 * here on purpose. The access pattern behind each key and index is in ADR 0011.
 */

export type KeyAttribute = { name: string; type: 'S' | 'N' };

export type IndexProjection =
  | { type: 'ALL' }
  | { type: 'KEYS_ONLY' }
  | { type: 'INCLUDE'; attributes: readonly string[] };

export type IndexDefinition = {
  name: string;
  partitionKey: KeyAttribute;
  sortKey?: KeyAttribute;
  projection: IndexProjection;
};

export type TableDefinition = {
  partitionKey: KeyAttribute;
  sortKey?: KeyAttribute;
  indexes: readonly IndexDefinition[];
  /** What the table's stream carries; null when it has none. */
  stream: 'NEW_AND_OLD_IMAGES' | null;
  /** The attribute (epoch seconds) after which DynamoDB deletes an item; null when none. */
  timeToLiveAttribute: string | null;
};

const text = (name: string): KeyAttribute => ({ name, type: 'S' });

/** Partitions of the orders-by-status index: one status's new orders spread over this many. */
export const ORDER_STATUS_SHARDS = 8;

export const tableDefinitions = {
  /**
   * One item per product (`pk` = product id) holding its description and the first stock
   * shard; further stock shards are items of their own (`pk` = `<product id>#<n>`), each its own
   * partition. Both indexes are sparse (only product items carry their keys) and KEYS_ONLY, so a
   * checkout, which changes stock only, never writes to them.
   */
  products: {
    partitionKey: text('pk'),
    indexes: [
      {
        name: 'by-category',
        partitionKey: text('category'),
        sortKey: text('pk'),
        projection: { type: 'KEYS_ONLY' },
      },
      {
        name: 'catalog',
        partitionKey: text('catalog'),
        sortKey: text('pk'),
        projection: { type: 'KEYS_ONLY' },
      },
    ],
    stream: 'NEW_AND_OLD_IMAGES',
    timeToLiveAttribute: null,
  },
  /**
   * One item per shopper (`pk` = user id); the lines are a map keyed by product id. Idle carts
   * are deleted by TTL some time after they stopped counting (CART_TTL_DAYS).
   */
  carts: {
    partitionKey: text('pk'),
    indexes: [],
    stream: null,
    timeToLiveAttribute: 'expiresAt',
  },
  /**
   * One item per order (`pk` = order id). `statusShard` is `<status>#<n>`, n from the order id,
   * so one status's newest orders are spread over ORDER_STATUS_SHARDS index partitions.
   */
  orders: {
    partitionKey: text('pk'),
    indexes: [
      {
        name: 'by-user',
        partitionKey: text('userId'),
        sortKey: text('pk'),
        projection: { type: 'ALL' },
      },
      {
        // The sweeper's filter (PENDING, not stuck, created before …) reads these two.
        name: 'by-status',
        partitionKey: text('statusShard'),
        sortKey: text('pk'),
        projection: { type: 'INCLUDE', attributes: ['createdAt', 'stuckAt'] },
      },
    ],
    stream: 'NEW_AND_OLD_IMAGES',
    timeToLiveAttribute: null,
  },
  /** A shopper's running score per category (`userId`, `category`), deleted by TTL when stale. */
  interactions: {
    partitionKey: text('userId'),
    sortKey: text('category'),
    indexes: [],
    stream: null,
    timeToLiveAttribute: 'expiresAt',
  },
  /** Checkout attempts by Idempotency-Key (`userId`, `key`), kept at least 24 h. */
  idempotency: {
    partitionKey: text('userId'),
    sortKey: text('key'),
    indexes: [],
    stream: null,
    timeToLiveAttribute: 'expiresAt',
  },
  /**
   * Units of products with a per-customer limit that a customer holds in PENDING and PROCESSED
   * orders: `pk` = `user#<user id>` or `email#<normalised email>`, one number attribute per
   * product id. Checkout adds to both items under a condition; cancel takes the units back.
   */
  holdings: {
    partitionKey: text('pk'),
    indexes: [],
    stream: null,
    timeToLiveAttribute: null,
  },
  /**
   * Claims on values that must be unique across items (`pk` = `sku#<SKU>`,
   * `order-number#<number>`), written in the same transaction as the item that holds them.
   */
  uniques: {
    partitionKey: text('pk'),
    indexes: [],
    stream: null,
    timeToLiveAttribute: null,
  },
  /**
   * Open WebSocket connections of the API Gateway WebSocket API (`pk` = connection id), with
   * the shopper's user id when `$connect` carried a valid `?token=`. The sparse by-user index
   * finds one shopper's connections for their order messages; stock messages go to all. API
   * Gateway closes a connection after 2 hours at the latest, so TTL deletes what a missed
   * `$disconnect` left behind (and a `GoneException` on a send prunes it sooner). ADR 61.
   */
  connections: {
    partitionKey: text('pk'),
    indexes: [
      {
        name: 'by-user',
        partitionKey: text('userId'),
        sortKey: text('pk'),
        projection: { type: 'KEYS_ONLY' },
      },
    ],
    stream: null,
    timeToLiveAttribute: 'expiresAt',
  },
  /**
   * Conditional markers of the serverless runtime (`pk` = `<kind>#<key>`): `mail#<idempotency
   * key>` is written before an email goes to SES, so a retry never sends it twice (ADR 62);
   * `delivery#<order id>` records the last delivery attempt or re-send of an order, so the
   * sweeper re-sends only orders with no progress (ADR 60). Deleted by TTL long after use.
   */
  markers: {
    partitionKey: text('pk'),
    indexes: [],
    stream: null,
    timeToLiveAttribute: 'expiresAt',
  },
} as const satisfies Record<string, TableDefinition>;

export type TableKey = keyof typeof tableDefinitions;

/** The physical name of each table. */
export type TableNames = Record<TableKey, string>;

export const DEFAULT_TABLE_PREFIX = 'sellout-';

/** `sellout-products`, `sellout-orders`, …: one prefix per deployment (or test). */
export const tableNames = (prefix: string = DEFAULT_TABLE_PREFIX): TableNames => {
  const names = {} as TableNames;
  for (const key of Object.keys(tableDefinitions) as TableKey[]) names[key] = `${prefix}${key}`;
  return names;
};
