import {
  ConditionalCheckFailedException,
  type DynamoDBClient,
  GetItemCommand,
  QueryCommand,
  type TransactWriteItem,
  TransactWriteItemsCommand,
  UpdateItemCommand,
  type UpdateItemCommandInput,
} from '@aws-sdk/client-dynamodb';
import {
  customerKeysOf,
  type Order,
  type OrderStatus,
  unitsByProduct,
} from '@sellout/core/orders/order';
import type { CancelOutcome, Orders, TransitionOutcome } from '@sellout/core/orders/orders-port';
import type { Interactions } from '@sellout/core/recommendations/interactions-port';
import type { Page } from '@sellout/core/shared/pagination';
import type { Clock } from '@sellout/core/shared/system';
import { batchGet } from './batch-get';
import { cancellationReasons } from './cancellation';
import { cartLife } from './dynamo-carts';
import { createPlaceOrder } from './dynamo-place-order';
import { fitsKey, type Item, textAt } from './item';
import { countedUnitsOf, orderKey, statusShard, statusShardOf, toOrder } from './order-items';
import { productKey, shardCountOf, stockItemKey } from './product-items';
import { AGAIN, retryOnConflict } from './retries';
import { translateStoreErrors } from './store-errors';
import { ORDER_STATUS_SHARDS, type TableNames } from './table-definitions';

const STATUSES: readonly OrderStatus[] = ['PENDING', 'PROCESSED', 'CANCELLED'];

export type DynamoOrdersOptions = {
  client: DynamoDBClient;
  tables: TableNames;
  /** Where `place` records the purchases it is given. */
  interactions: Interactions;
  /** The shop's time and the carts' time to live: a checkout from the cart is a change of it. */
  clock: Clock;
  guestDataTtlMs: number;
  /** A purchase interaction could not be recorded after the order was stored. */
  onPurchasesLost?: (error: unknown) => void;
  /** Each checkout transaction's consumed write capacity (tests, cost measurements). */
  onConsumedCapacity?: (units: number) => void;
};

export const createDynamoOrders = (options: DynamoOrdersOptions): Orders => {
  const { client, tables } = options;
  const shardCounts = new Map<string, number>();

  const getOrderItem = async (id: string) =>
    fitsKey(id)
      ? (
          await client.send(
            new GetItemCommand({
              TableName: tables.orders,
              Key: orderKey(id),
              ConsistentRead: true,
            }),
          )
        ).Item
      : undefined;

  /** A conditional update of one order: the order after it, or what stopped it. */
  const transition = async (
    id: string,
    update: Omit<UpdateItemCommandInput, 'TableName' | 'Key'>,
  ): Promise<TransitionOutcome> =>
    // A cancel's transaction in flight on the same order rejects this write: try again.
    retryOnConflict('changing an order', async (): Promise<TransitionOutcome> => {
      if (!fitsKey(id)) return { kind: 'not-found' };
      try {
        const { Attributes } = await client.send(
          new UpdateItemCommand({
            TableName: tables.orders,
            Key: orderKey(id),
            ReturnValues: 'ALL_NEW',
            ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
            ...update,
          }),
        );
        return { kind: 'transitioned', order: toOrder(Attributes!) };
      } catch (error) {
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
        return error.Item
          ? { kind: 'unchanged', order: toOrder(error.Item) }
          : { kind: 'not-found' };
      }
    });

  /** Whether a conditional update applied. */
  const applied = async (id: string, update: Omit<UpdateItemCommandInput, 'TableName' | 'Key'>) =>
    (await transition(id, update)).kind === 'transitioned';

  /**
   * Keys of one status (or all) newest (or oldest) first, merged over the index shards: each
   * shard is a partition sorted by order id, and ids sort by creation time. An order only ever
   * leaves PENDING, so PENDING is read before the final statuses: one that moves while the
   * listing runs is then seen twice (once kept) rather than missed between two partitions.
   */
  const idsByStatus = async (query: {
    statuses: readonly OrderStatus[];
    after: string | null;
    limit: number;
    oldestFirst: boolean;
    filter?: { createdBefore: string };
  }) => {
    const partitionsOf = (statuses: readonly OrderStatus[]) =>
      statuses.flatMap((status) =>
        Array.from({ length: ORDER_STATUS_SHARDS }, (_, n) => statusShard(status, n)),
      );
    const queryPartition = async (partition: string) => {
      const ids: string[] = [];
      let startKey: Item | undefined;
      do {
        const bound = query.oldestFirst ? '>' : '<';
        const page = await client.send(
          new QueryCommand({
            TableName: tables.orders,
            IndexName: 'by-status',
            KeyConditionExpression:
              query.after === null
                ? 'statusShard = :partition'
                : `statusShard = :partition AND pk ${bound} :after`,
            ...(query.filter && {
              FilterExpression: 'createdAt < :before AND attribute_not_exists(stuckAt)',
            }),
            ExpressionAttributeValues: {
              ':partition': { S: partition },
              ...(query.after !== null && { ':after': { S: query.after } }),
              ...(query.filter && { ':before': { S: query.filter.createdBefore } }),
            },
            ScanIndexForward: query.oldestFirst,
            Limit: query.limit,
            ...(startKey && { ExclusiveStartKey: startKey }),
          }),
        );
        ids.push(...(page.Items ?? []).map((item) => item.pk!.S!));
        startKey = page.LastEvaluatedKey;
      } while (startKey && ids.length < query.limit);
      return ids.slice(0, query.limit);
    };
    const pending = query.statuses.filter((status) => status === 'PENDING');
    const final = query.statuses.filter((status) => status !== 'PENDING');
    const first = await Promise.all(partitionsOf(pending).map(queryPartition));
    const then = await Promise.all(partitionsOf(final).map(queryPartition));
    return [...new Set([...first, ...then].flat())]
      .sort((a, b) => (query.oldestFirst ? (a < b ? -1 : 1) : a < b ? 1 : -1))
      .slice(0, query.limit);
  };

  /** Orders by id, in the order of `ids`, read consistently (the index may lag behind them). */
  const ordersOf = async (ids: readonly string[]) => {
    const items = await batchGet(client, tables.orders, ids.map(orderKey), true);
    const byId = new Map(items.map((item) => [item.pk!.S!, toOrder(item)]));
    return ids.flatMap((id) => (byId.has(id) ? [byId.get(id)!] : []));
  };

  /** A stock item to give a product's units back to: any of its shards, at random. */
  const releaseShards = async (productIds: readonly string[]) => {
    const unknown = productIds.filter((id) => !shardCounts.has(id));
    for (const item of await batchGet(client, tables.products, unknown.map(productKey), false)) {
      shardCounts.set(item.pk!.S!, shardCountOf(item));
    }
    return new Map(
      productIds.map((id) => [id, Math.floor(Math.random() * (shardCounts.get(id) ?? 1))]),
    );
  };

  const cancel = async (
    id: string,
    cancellation: { by: Order['cancelledBy'] & string; reason: string },
  ): Promise<CancelOutcome> =>
    retryOnConflict('cancelling an order', async () => {
      const item = await getOrderItem(id);
      if (!item) return { kind: 'not-found' };
      const order = toOrder(item);
      if (order.status !== 'PENDING') return { kind: 'unchanged', order };
      const units = unitsByProduct(order.lines);
      const shards = await releaseShards([...units.keys()]);
      const counted = countedUnitsOf(item);
      const customer = customerKeysOf(order);
      const actions: TransactWriteItem[] = [
        {
          Update: {
            TableName: tables.orders,
            Key: orderKey(id),
            UpdateExpression:
              'SET #status = :cancelled, statusShard = :shard, failureReason = :reason, cancelledBy = :by REMOVE stuckAt',
            ConditionExpression: '#status = :pending',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: {
              ':cancelled': { S: 'CANCELLED' },
              ':pending': { S: 'PENDING' },
              ':shard': { S: statusShard('CANCELLED', statusShardOf(id)) },
              ':reason': { S: cancellation.reason },
              ':by': { S: cancellation.by },
            },
          },
        },
        ...[...units].map(
          ([productId, quantity]): TransactWriteItem => ({
            Update: {
              TableName: tables.products,
              Key: stockItemKey(productId, shards.get(productId)!),
              UpdateExpression: 'ADD stock :units, sold :minus, version :one',
              ConditionExpression: 'attribute_exists(pk)',
              ExpressionAttributeValues: {
                ':units': { N: String(quantity) },
                ':minus': { N: String(-quantity) },
                ':one': { N: '1' },
              },
            },
          }),
        ),
        ...(counted.size === 0
          ? []
          : [`user#${customer.userId}`, `email#${customer.email}`].map(
              (pk): TransactWriteItem => ({
                Update: {
                  TableName: tables.holdings,
                  Key: { pk: { S: pk } },
                  UpdateExpression: `ADD ${[...counted.keys()].map((_, i) => `#h${i} :q${i}`).join(', ')}`,
                  ExpressionAttributeNames: Object.fromEntries(
                    [...counted.keys()].map((productId, i) => [`#h${i}`, productId]),
                  ),
                  ExpressionAttributeValues: Object.fromEntries(
                    [...counted.values()].map((units, i) => [`:q${i}`, { N: String(-units) }]),
                  ),
                },
              }),
            )),
      ];
      try {
        await client.send(new TransactWriteItemsCommand({ TransactItems: actions }));
      } catch (error) {
        // Someone else moved the order on (or a checkout held a stock item): look again.
        if (cancellationReasons(error)) return AGAIN;
        throw error;
      }
      return {
        kind: 'cancelled',
        order: {
          ...order,
          status: 'CANCELLED',
          failureReason: cancellation.reason,
          cancelledBy: cancellation.by,
          stuckAt: null,
        },
      };
    });

  const pending = { ':pending': { S: 'PENDING' } };

  return translateStoreErrors<Orders>({
    place: createPlaceOrder({
      client,
      tables,
      interactions: options.interactions,
      cartLife: () => cartLife(options.clock, options.guestDataTtlMs),
      shardCounts,
      onPurchasesLost: options.onPurchasesLost ?? (() => {}),
      ...(options.onConsumedCapacity && { onConsumedCapacity: options.onConsumedCapacity }),
    }),

    async get(id) {
      const item = await getOrderItem(id);
      return item ? toOrder(item) : null;
    },

    async findByIdempotencyKey(userId, key) {
      if (!fitsKey(userId) || !fitsKey(key)) return null;
      const { Item: record } = await client.send(
        new GetItemCommand({
          TableName: tables.idempotency,
          Key: { userId: { S: userId }, key: { S: key } },
          ConsistentRead: true,
        }),
      );
      if (!record) return null;
      const order = await getOrderItem(textAt(record, 'orderId')!);
      if (!order) throw new Error(`Idempotency key points at missing order ${record.orderId?.S}.`);
      return { order: toOrder(order), requestHash: textAt(record, 'requestHash')! };
    },

    async listByUser(userId, { after, limit }) {
      if (!fitsKey(userId)) return { items: [], next: null };
      // The by-user index carries whole orders: one query per page. It is eventually
      // consistent, so an order placed a moment ago may join the list a moment later.
      const { Items = [] } = await client.send(
        new QueryCommand({
          TableName: tables.orders,
          IndexName: 'by-user',
          KeyConditionExpression:
            after === null ? 'userId = :userId' : 'userId = :userId AND pk < :after',
          ExpressionAttributeValues: {
            ':userId': { S: userId },
            ...(after !== null && { ':after': { S: after } }),
          },
          ScanIndexForward: false,
          Limit: limit + 1,
        }),
      );
      const items = Items.slice(0, limit).map(toOrder);
      const page: Page<Order> = {
        items,
        next: Items.length > limit ? (items.at(-1)?.id ?? null) : null,
      };
      return page;
    },

    async listAll({ status, after, limit }) {
      const ids = await idsByStatus({
        statuses: status === null ? STATUSES : [status],
        after,
        limit: limit + 1,
        oldestFirst: false,
      });
      const page = ids.slice(0, limit);
      const orders = await ordersOf(page);
      return {
        // The index may still list an order under the status it just left.
        items: status === null ? orders : orders.filter((o) => o.status === status),
        next: ids.length > limit ? (page.at(-1) ?? null) : null,
      };
    },

    async findByNumber(number) {
      // The number's claim (written with the order, ADR 36) says whose it is.
      const claim = `order-number#${number}`;
      if (!fitsKey(claim)) return null;
      const { Item } = await client.send(
        new GetItemCommand({
          TableName: tables.uniques,
          Key: { pk: { S: claim } },
          ConsistentRead: true,
        }),
      );
      const owner = textAt(Item, 'ownerId');
      const order = owner === null ? undefined : await getOrderItem(owner);
      return order ? toOrder(order) : null;
    },

    async listByEmail({ email, status, after, limit }) {
      if (!fitsKey(email)) return { items: [], next: null };
      // One customer's orders, newest first, from the keys-only index; the orders are read
      // consistently and filtered by status, page after page until one more than asked is
      // found (a customer has few orders, so this is a handful of small reads).
      const found: Order[] = [];
      let startKey: Item | undefined;
      do {
        const page = await client.send(
          new QueryCommand({
            TableName: tables.orders,
            IndexName: 'by-email',
            KeyConditionExpression:
              after === null ? 'emailKey = :email' : 'emailKey = :email AND pk < :after',
            ExpressionAttributeValues: {
              ':email': { S: email },
              ...(after !== null && { ':after': { S: after } }),
            },
            ScanIndexForward: false,
            Limit: limit + 1,
            ...(startKey && { ExclusiveStartKey: startKey }),
          }),
        );
        const orders = await ordersOf((page.Items ?? []).map((item) => item.pk!.S!));
        found.push(...orders.filter((o) => status === null || o.status === status));
        startKey = page.LastEvaluatedKey;
      } while (startKey && found.length <= limit);
      const items = found.slice(0, limit);
      return { items, next: found.length > limit ? (items.at(-1)?.id ?? null) : null };
    },

    async listStalled({ createdBefore, limit }) {
      const ids = await idsByStatus({
        statuses: ['PENDING'],
        after: null,
        limit,
        oldestFirst: true,
        filter: { createdBefore },
      });
      return (await ordersOf(ids)).filter(
        (o) => o.status === 'PENDING' && o.stuckAt === null && o.createdAt < createdBefore,
      );
    },

    async markProcessed(id, { processedAt, invoiceKey }) {
      return transition(id, {
        UpdateExpression:
          'SET #status = :processed, statusShard = :shard, processedAt = :at, invoiceKey = :invoice REMOVE failureReason, stuckAt',
        ConditionExpression: '#status = :pending',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: {
          ...pending,
          ':processed': { S: 'PROCESSED' },
          ':shard': { S: statusShard('PROCESSED', statusShardOf(id)) },
          ':at': { S: processedAt },
          ':invoice': { S: invoiceKey },
        },
      });
    },

    async markStuck(id, at, reason) {
      return applied(id, {
        UpdateExpression: 'SET stuckAt = :at, failureReason = :reason',
        ConditionExpression: '#status = :pending AND attribute_not_exists(stuckAt)',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ...pending, ':at': { S: at }, ':reason': { S: reason } },
      });
    },

    async clearStuck(id) {
      return applied(id, {
        UpdateExpression: 'REMOVE stuckAt, failureReason',
        ConditionExpression: '#status = :pending AND attribute_exists(stuckAt)',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: pending,
      });
    },

    cancel,
  });
};
