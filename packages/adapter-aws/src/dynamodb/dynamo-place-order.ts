import { createHash } from 'node:crypto';
import {
  type DynamoDBClient,
  GetItemCommand,
  type TransactWriteItem,
  TransactWriteItemsCommand,
} from '@aws-sdk/client-dynamodb';
import {
  customerKeysOf,
  mergeOrderLines,
  type Order,
  unitsByProduct,
} from '@sellout/core/orders/order';
import type {
  CustomerLimit,
  OverLimitLine,
  PlaceOrderCommand,
  PlaceOrderOutcome,
} from '@sellout/core/orders/orders-port';
import type { Interactions } from '@sellout/core/recommendations/interactions-port';
import { cancellationReasons, isTransient } from './cancellation';
import { type CartLife, cartKey, isAliveCart, touch } from './dynamo-carts';
import { type Item, numberAt, textAt } from './item';
import { orderKey, toOrder, toOrderItem } from './order-items';
import { shardCountOf, stockItemKey } from './product-items';
import { AGAIN, retryOnConflict } from './retries';
import { planFewestTakes, planTakes, type Take } from './stock-plan';
import { type ProductStock, readStock, snapshotStock, totalOf } from './stock-reads';
import type { TableNames } from './table-definitions';

/*
 * `Orders.place` on DynamoDB (ADR 0011, 0012): one TransactWriteItems with a conditional
 * decrement per stock item taken from, the order, its idempotency record and order-number claim
 * (both attribute_not_exists), the customer's holdings of limited products (conditional adds)
 * and the cart lines bought. A cancelled transaction is read reason by reason; a buyer is only
 * refused on evidence (a consistent snapshot), never because a plan met a moving target.
 */

/** Attempts of one checkout: plans that met a conflict are made again from fresher levels. */
const PLACE_ATTEMPTS = 16;

/** DynamoDB's limit on the actions of one transaction. */
const MAX_ACTIONS = 100;

/** Idempotency records outlive the 24 h the API promises, with room for clock skew. */
const IDEMPOTENCY_TTL_SECONDS = 7 * 24 * 3600;

const CONDITION_FAILED = 'ConditionalCheckFailed';

export type PlaceOrderDeps = {
  client: DynamoDBClient;
  tables: TableNames;
  interactions: Interactions;
  /** Now, for the cart the checkout takes its lines from (it counts as a change of it). */
  cartLife: () => CartLife;
  /** Shard counts seen so far; they only grow, and a stale one is corrected by a condition. */
  shardCounts: Map<string, number>;
  /** A purchase interaction could not be recorded; the order stands regardless. */
  onPurchasesLost: (error: unknown) => void;
  /** Every transaction's consumed capacity, for tests and cost measurements. */
  onConsumedCapacity?: (units: number) => void;
};

type Role =
  | { role: 'stock'; productId: string; shard: number; shards: number; units: number }
  | { role: 'order' }
  | { role: 'idempotency' }
  | { role: 'number' }
  | { role: 'cart' }
  | { role: 'holding' };

type Plan = Map<string, { shards: number; takes: Take[] }>;

/** The open-drop condition every stock item checks: drop time copied onto each shard. */
const ON_SALE = '(attribute_not_exists(saleStartsAt) OR saleStartsAt <= :createdAt)';

const isClosed = (item: Item | undefined, at: string) => {
  const opens = textAt(item, 'saleStartsAt');
  return opens !== null && opens > at;
};

/**
 * ClientRequestToken (≤ 36 characters): a retry of the very same request by the SDK, after a
 * timeout, is then applied once. Derived from user and key, so concurrent duplicates meet at
 * DynamoDB itself; one per attempt, because a fresh plan is a different request; and per orders
 * table, because tokens are scoped to the account and region, not to a table, and two
 * deployments (or tests) may share those. `salted` adds the order id once a token turned out to
 * be spent by an attempt that stored nothing (tokens live 10 minutes), so a stale token can
 * never block a new order.
 */
const requestToken = (
  table: string,
  order: Order,
  key: string | null,
  attempt: number,
  salted: boolean,
) =>
  createHash('sha256')
    .update([table, order.userId, key ?? order.id, attempt, salted ? order.id : ''].join('\u0000'))
    .digest('hex')
    .slice(0, 36);

export const createPlaceOrder = (deps: PlaceOrderDeps) => {
  const { client, tables } = deps;

  const replayOf = async (record: Item, requestHash: string): Promise<PlaceOrderOutcome> => {
    if (textAt(record, 'requestHash') !== requestHash) return { kind: 'key-reused' };
    const orderId = textAt(record, 'orderId')!;
    const { Item: found } = await client.send(
      new GetItemCommand({
        TableName: tables.orders,
        Key: orderKey(orderId),
        ConsistentRead: true,
      }),
    );
    if (!found) throw new Error(`Idempotency key points at missing order ${orderId}.`);
    return { kind: 'replayed', order: toOrder(found) };
  };

  const idempotencyKey = (command: PlaceOrderCommand): Item | null =>
    command.idempotency
      ? { userId: { S: command.order.userId }, key: { S: command.idempotency.key } }
      : null;

  /** An earlier attempt with the same key, answered as such; null when there is none. */
  const earlierAttempt = async (command: PlaceOrderCommand) => {
    const key = idempotencyKey(command);
    if (!key || !command.idempotency) return null;
    const { Item: record } = await client.send(
      new GetItemCommand({ TableName: tables.idempotency, Key: key, ConsistentRead: true }),
    );
    return record ? replayOf(record, command.idempotency.requestHash) : null;
  };

  const rememberShards = (stock: Map<string, ProductStock | null>) => {
    for (const [id, s] of stock) if (s) deps.shardCounts.set(id, s.levels.length);
  };

  /**
   * What a consistent snapshot of every product of the order (and of the idempotency record,
   * in the same instant) supports: a replay when the same key placed an order meanwhile, else
   * the refusal the port promises first (not on sale, then out of stock); null when the
   * snapshot has room for the whole order.
   */
  const audit = async (command: PlaceOrderCommand, order: Order, units: Map<string, number>) => {
    const key = idempotencyKey(command);
    const snapshot = await snapshotStock(
      client,
      tables.products,
      [...units.keys()],
      key ? { table: tables.idempotency, key } : undefined,
    );
    rememberShards(snapshot.stock);
    if (snapshot.also && command.idempotency) {
      return { refusal: await replayOf(snapshot.also, command.idempotency.requestHash), snapshot };
    }
    const closed = [...units.keys()].flatMap((productId) => {
      const s = snapshot.stock.get(productId);
      return s?.saleStartsAt && s.saleStartsAt > order.createdAt
        ? [{ productId, saleStartsAt: s.saleStartsAt }]
        : [];
    });
    if (closed.length > 0) {
      return { refusal: { kind: 'not-on-sale', lines: closed } as PlaceOrderOutcome, snapshot };
    }
    const short = [...units].flatMap(([productId, requested]) => {
      const available = totalOf(snapshot.stock.get(productId));
      return available < requested ? [{ productId, requested, available }] : [];
    });
    if (short.length > 0) {
      return { refusal: { kind: 'out-of-stock', lines: short } as PlaceOrderOutcome, snapshot };
    }
    return { refusal: null, snapshot };
  };

  /** A refusal stands unless the same key placed an order meanwhile: that one is replayed. */
  const refuse = async (command: PlaceOrderCommand, refusal: PlaceOrderOutcome) =>
    (await earlierAttempt(command)) ?? refusal;

  /**
   * Where each product's units come from. Products known to have one shard take it all from
   * the product item, unread (its condition checks the level); others are planned from levels
   * read just now. Null when the levels read do not cover the order: time for an audit.
   */
  const planStock = async (
    order: Order,
    units: Map<string, number>,
    consistent: boolean,
  ): Promise<{ plan: Plan | null; stock: Map<string, ProductStock | null> }> => {
    const ids = [...units.keys()];
    const toRead = ids.filter((id) => deps.shardCounts.get(id) !== 1);
    const stock = await readStock(
      client,
      tables.products,
      toRead,
      (id) => deps.shardCounts.get(id),
      consistent,
    );
    rememberShards(stock);
    return { plan: planFrom(order, units, stock), stock };
  };

  const planFrom = (
    order: Order,
    units: Map<string, number>,
    stock: Map<string, ProductStock | null>,
  ): Plan | null => {
    const plan: Plan = new Map();
    for (const [productId, wanted] of units) {
      if (!stock.has(productId) && deps.shardCounts.get(productId) === 1) {
        plan.set(productId, { shards: 1, takes: [{ shard: 0, units: wanted }] });
        continue;
      }
      const s = stock.get(productId);
      if (!s || (s.saleStartsAt !== null && s.saleStartsAt > order.createdAt)) return null;
      const start = Math.floor(Math.random() * s.levels.length);
      const takes = planTakes(s.levels, wanted, start);
      if (!takes) return null;
      plan.set(productId, { shards: s.levels.length, takes });
    }
    return plan;
  };

  /** Plans that would not fit one transaction are redone from as few shards as possible. */
  const fitted = (plan: Plan, stock: Map<string, ProductStock | null>, fixedActions: number) => {
    const actions = () => [...plan.values()].reduce((sum, p) => sum + p.takes.length, 0);
    if (actions() + fixedActions <= MAX_ACTIONS) return plan;
    for (const [productId, entry] of plan) {
      const s = stock.get(productId);
      const fewest = s && planFewestTakes(s.levels, totalOfTakes(entry.takes));
      if (fewest) plan.set(productId, { ...entry, takes: fewest });
    }
    return plan;
  };

  const stockActions = (order: Order, plan: Plan, roles: Role[]): TransactWriteItem[] =>
    [...plan].flatMap(([productId, { shards, takes }]) =>
      takes.map((take, i): TransactWriteItem => {
        roles.push({ role: 'stock', productId, shard: take.shard, shards, units: take.units });
        // One version step per product and checkout, however many shards it takes from.
        const step = i === 0 ? 1 : 0;
        return {
          Update: {
            TableName: tables.products,
            Key: stockItemKey(productId, take.shard),
            UpdateExpression:
              'SET stock = stock - :units, sold = sold + :units, version = version + :step',
            ConditionExpression:
              take.shard === 0
                ? `attribute_exists(pk) AND shards = :shards AND stock >= :units AND ${ON_SALE}`
                : `attribute_exists(pk) AND stock >= :units AND ${ON_SALE}`,
            ExpressionAttributeValues: {
              ':units': { N: String(take.units) },
              ':step': { N: String(step) },
              ':createdAt': { S: order.createdAt },
              ...(take.shard === 0 && { ':shards': { N: String(shards) } }),
            },
            ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
          },
        };
      }),
    );

  /** Adds the order's limited units to one holdings item, each within its limit. */
  const holdingAction = (
    pk: string,
    limits: readonly CustomerLimit[],
    units: Map<string, number>,
  ): TransactWriteItem => {
    const rooms = limits.map(({ productId, limit }) => limit - (units.get(productId) ?? 0));
    return {
      Update: {
        TableName: tables.holdings,
        Key: { pk: { S: pk } },
        UpdateExpression: `ADD ${limits.map((_, i) => `#h${i} :q${i}`).join(', ')}`,
        // Nothing held yet passes when the order alone fits; a negative room never passes.
        ConditionExpression: rooms
          .map((room, i) =>
            room >= 0 ? `(attribute_not_exists(#h${i}) OR #h${i} <= :r${i})` : `#h${i} <= :r${i}`,
          )
          .join(' AND '),
        ExpressionAttributeNames: Object.fromEntries(limits.map((l, i) => [`#h${i}`, l.productId])),
        ExpressionAttributeValues: Object.fromEntries(
          limits.flatMap((l, i) => [
            [`:q${i}`, { N: String(units.get(l.productId) ?? 0) }],
            [`:r${i}`, { N: String(rooms[i]) }],
          ]),
        ),
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      },
    };
  };

  /**
   * The purchased units off the cart, conditional on the lines as they were just read and on
   * the cart being alive; a change like any other, so it keeps the cart alive. An idle cart is
   * as good as empty: nothing to take off.
   */
  const cartAction = (order: Order, units: Map<string, number>, cart: Item | undefined) => {
    const now = deps.cartLife();
    if (!isAliveCart(cart, now)) return null;
    const bought = [...units].filter(([productId]) => cart.lines?.M?.[productId] !== undefined);
    if (bought.length === 0) return null;
    const alive = touch(now);
    const sets: string[] = [alive.set];
    const removes: string[] = [];
    const conditions: string[] = [alive.alive];
    const names: Record<string, string> = { '#lines': 'lines' };
    const values: Item = { ...alive.values };
    bought.forEach(([productId, quantity], i) => {
      const inCart = numberAt(cart.lines!.M![productId]!.M, 'quantity');
      names[`#p${i}`] = productId;
      values[`:c${i}`] = { N: String(inCart) };
      conditions.push(`#lines.#p${i}.quantity = :c${i}`);
      if (inCart > quantity) {
        values[`:b${i}`] = { N: String(quantity) };
        sets.push(`#lines.#p${i}.quantity = #lines.#p${i}.quantity - :b${i}`);
      } else {
        removes.push(`#lines.#p${i}`);
      }
    });
    return {
      Update: {
        TableName: tables.carts,
        Key: cartKey(order.userId),
        UpdateExpression: [
          sets.length > 0 ? `SET ${sets.join(', ')}` : '',
          removes.length > 0 ? `REMOVE ${removes.join(', ')}` : '',
        ]
          .filter(Boolean)
          .join(' '),
        ConditionExpression: conditions.join(' AND '),
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
      },
    } satisfies TransactWriteItem;
  };

  const overLimitLines = (
    limits: readonly CustomerLimit[],
    units: Map<string, number>,
    holdings: readonly Item[],
  ): OverLimitLine[] =>
    limits.flatMap(({ productId, limit }) => {
      const requested = units.get(productId) ?? 0;
      const held = Math.max(0, ...holdings.map((item) => numberAt(item, productId)));
      return held + requested > limit
        ? [{ productId, requested, limit, remaining: Math.max(0, limit - held) }]
        : [];
    });

  const attemptPlace = async (
    command: PlaceOrderCommand,
    order: Order,
    units: Map<string, number>,
    limits: readonly CustomerLimit[],
    attempt: number,
    tokens: { salted: boolean },
  ): Promise<PlaceOrderOutcome | typeof AGAIN> => {
    let { plan, stock } = await planStock(order, units, attempt > 0);
    if (!plan) {
      const verdict = await audit(command, order, units);
      if (verdict.refusal) return verdict.refusal;
      stock = verdict.snapshot.stock;
      plan = planFrom(order, units, stock);
      if (!plan) return AGAIN;
    }
    const cart = command.clearPurchasedFromCart
      ? (
          await client.send(
            new GetItemCommand({
              TableName: tables.carts,
              Key: cartKey(order.userId),
              ConsistentRead: true,
            }),
          )
        ).Item
      : undefined;
    const customer = customerKeysOf(order);
    const counted = new Map(limits.map((l) => [l.productId, units.get(l.productId) ?? 0]));

    const roles: Role[] = [];
    const others: TransactWriteItem[] = [];
    const add = (role: Role, action: TransactWriteItem) => {
      roles.push(role);
      others.push(action);
    };
    add(
      { role: 'order' },
      {
        Put: {
          TableName: tables.orders,
          Item: toOrderItem(order, counted),
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
    );
    add(
      { role: 'number' },
      {
        Put: {
          TableName: tables.uniques,
          Item: { pk: { S: `order-number#${order.number}` }, ownerId: { S: order.id } },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
    );
    if (command.idempotency) {
      add(
        { role: 'idempotency' },
        {
          Put: {
            TableName: tables.idempotency,
            Item: {
              userId: { S: order.userId },
              key: { S: command.idempotency.key },
              requestHash: { S: command.idempotency.requestHash },
              orderId: { S: order.id },
              // From the real time of writing: the order's createdAt is the shop clock's.
              expiresAt: { N: String(Math.floor(Date.now() / 1000) + IDEMPOTENCY_TTL_SECONDS) },
            },
            ConditionExpression: 'attribute_not_exists(userId)',
            ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
          },
        },
      );
    }
    const cartUpdate = cartAction(order, units, cart);
    if (cartUpdate) add({ role: 'cart' }, cartUpdate);
    if (limits.length > 0) {
      add({ role: 'holding' }, holdingAction(`user#${customer.userId}`, limits, units));
      add({ role: 'holding' }, holdingAction(`email#${customer.email}`, limits, units));
    }
    plan = fitted(plan, stock, others.length);
    const stockRoles: Role[] = [];
    const takes = stockActions(order, plan, stockRoles);
    if (takes.length + others.length > MAX_ACTIONS) {
      throw new Error(`An order of ${units.size} products does not fit one transaction.`);
    }
    const allRoles = [...stockRoles, ...roles];

    try {
      const { ConsumedCapacity } = await client.send(
        new TransactWriteItemsCommand({
          TransactItems: [...takes, ...others],
          ClientRequestToken: requestToken(
            tables.orders,
            order,
            command.idempotency?.key ?? null,
            attempt,
            tokens.salted,
          ),
          ReturnConsumedCapacity: 'TOTAL',
        }),
      );
      deps.onConsumedCapacity?.(
        (ConsumedCapacity ?? []).reduce((sum, c) => sum + (c.CapacityUnits ?? 0), 0),
      );
      return { kind: 'placed', order };
    } catch (error) {
      return understandFailure(error, command, order, units, limits, allRoles, tokens);
    }
  };

  const understandFailure = async (
    error: unknown,
    command: PlaceOrderCommand,
    order: Order,
    units: Map<string, number>,
    limits: readonly CustomerLimit[],
    roles: readonly Role[],
    tokens: { salted: boolean },
  ): Promise<PlaceOrderOutcome | typeof AGAIN> => {
    if (error instanceof Error && error.name === 'TransactionInProgressException') {
      // A duplicate with the same key is being placed: answer it once it is stored.
      return (await earlierAttempt(command)) ?? AGAIN;
    }
    if (error instanceof Error && error.name === 'IdempotentParameterMismatchException') {
      // The token was used in the last 10 minutes for another request. If that stored an
      // order, this is its duplicate; if not, the token is merely spent.
      const earlier = await earlierAttempt(command);
      if (earlier) return earlier;
      tokens.salted = true;
      return AGAIN;
    }
    const reasons = cancellationReasons(error);
    if (!reasons) throw error;
    const failed = (role: Role['role']) =>
      roles.flatMap((r, i) =>
        r.role === role && reasons[i]?.code === CONDITION_FAILED ? [i] : [],
      );

    const [idempotency] = failed('idempotency');
    if (idempotency !== undefined && command.idempotency) {
      return replayOf(reasons[idempotency]!.item!, command.idempotency.requestHash);
    }
    const stockFailures = failed('stock');
    if (stockFailures.length > 0) {
      let evidence = false;
      for (const i of stockFailures) {
        const role = roles[i] as Extract<Role, { role: 'stock' }>;
        const old = reasons[i]!.item;
        if (!old || isClosed(old, order.createdAt)) {
          evidence = true;
        } else if (role.shard === 0 && shardCountOf(old) !== role.shards) {
          deps.shardCounts.set(role.productId, shardCountOf(old));
        } else if (role.shards === 1) {
          evidence = true;
        }
        // Otherwise one shard of several ran short under the plan: plan again from fresh levels.
      }
      if (!evidence) return AGAIN;
      return (await audit(command, order, units)).refusal ?? AGAIN;
    }
    if (reasons.some(isTransient)) return AGAIN;
    const holdings = failed('holding');
    if (holdings.length > 0) {
      const lines = overLimitLines(
        limits,
        units,
        holdings.map((i) => reasons[i]!.item ?? {}),
      );
      return lines.length > 0 ? refuse(command, { kind: 'over-customer-limit', lines }) : AGAIN;
    }
    if (failed('number').length > 0) return { kind: 'number-taken' };
    // The cart changed between reading it and buying from it: read it again.
    if (failed('cart').length > 0) return AGAIN;
    throw error;
  };

  return async (command: PlaceOrderCommand): Promise<PlaceOrderOutcome> => {
    const order: Order = { ...command.order, lines: mergeOrderLines(command.order.lines) };
    const units = unitsByProduct(order.lines);
    const limits = command.customerLimits.filter((l) => units.has(l.productId));
    const tokens = { salted: false };
    const outcome = await retryOnConflict(
      'placing an order',
      (attempt) => attemptPlace(command, order, units, limits, attempt, tokens),
      PLACE_ATTEMPTS,
    );
    if (outcome.kind === 'placed' && command.purchases.length > 0) {
      try {
        await deps.interactions.record(command.purchases);
      } catch (error) {
        deps.onPurchasesLost(error);
      }
    }
    return outcome;
  };
};

const totalOfTakes = (takes: readonly Take[]) => takes.reduce((sum, t) => sum + t.units, 0);
