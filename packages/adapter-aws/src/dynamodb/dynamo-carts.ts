import {
  ConditionalCheckFailedException,
  type DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  UpdateItemCommand,
  type UpdateItemCommandInput,
} from '@aws-sdk/client-dynamodb';
import { type CartLine, MAX_CART_LINES, MAX_LINE_QUANTITY } from '@sellout/core/carts/cart';
import type { CartChange, Carts } from '@sellout/core/carts/carts-port';
import type { Clock } from '@sellout/core/shared/system';
import { type Item, numberAt } from './item';
import { AGAIN, retryOnConflict } from './retries';
import { translateStoreErrors } from './store-errors';
import type { TableNames } from './table-definitions';

/*
 * One item per cart (`pk` = user id): `lines` maps product id → {quantity, position},
 * `nextPosition` numbers lines in the order they were first added, `touchedAt` (ms, the shop's
 * clock) is the last change. One item keeps a cart checkout to one action of its transaction,
 * whatever the number of lines (ADR 11). A cart untouched for the time to live is gone (ADR 45
 * of the expiry work): reads answer it empty, changes apply only to a live cart and replace an
 * idle one with a fresh cart, and DynamoDB's TTL (`expiresAt`) deletes it some time later.
 */

export const cartKey = (userId: string): Item => ({ pk: { S: userId } });

/** The lines of a stored cart, in the order they were first added. */
export const linesOf = (item: Item | undefined): CartLine[] =>
  Object.entries(item?.lines?.M ?? {})
    .map(([productId, line]) => ({
      productId,
      quantity: numberAt(line.M, 'quantity'),
      position: numberAt(line.M, 'position'),
    }))
    .sort((a, b) => a.position - b.position)
    .map(({ productId, quantity }) => ({ productId, quantity }));

/** Whether a cart and its time to live: changed after `cutoff` (ms). */
export type CartLife = { cutoff: number; now: number; expiresAt: number };

/**
 * When carts change now, and which are still alive. `expiresAt` is DynamoDB's TTL (epoch
 * seconds of real time: the deletion lags anyway, and must never come before the cart idles).
 */
export const cartLife = (clock: Clock, ttlMs: number): CartLife => {
  const now = clock.now().getTime();
  return {
    now,
    cutoff: now - ttlMs,
    expiresAt: Math.ceil((Math.max(now, Date.now()) + ttlMs) / 1000),
  };
};

export const isAliveCart = (item: Item | undefined, life: CartLife): item is Item =>
  item !== undefined && numberAt(item, 'touchedAt') > life.cutoff;

/** The part of every change that keeps a cart alive: `SET` of these, with these values. */
export const touch = (life: CartLife) => ({
  set: 'touchedAt = :touchedAt, expiresAt = :expiresAt',
  values: {
    ':touchedAt': { N: String(life.now) },
    ':expiresAt': { N: String(life.expiresAt) },
    ':cutoff': { N: String(life.cutoff) },
  },
  /** The condition that the cart is still alive. */
  alive: 'touchedAt > :cutoff',
});

const lineValue = (quantity: number, position: number) => ({
  M: { quantity: { N: String(quantity) }, position: { N: String(position) } },
});

type Attempt =
  | { kind: 'done'; item: Item | undefined }
  | { kind: 'refused'; old: Item | undefined };

export type DynamoCartsOptions = {
  client: DynamoDBClient;
  tables: Pick<TableNames, 'carts'>;
  clock: Clock;
  /** How long a cart lives after its last change (CART_TTL_DAYS). */
  guestDataTtlMs: number;
};

export const createDynamoCarts = ({
  client,
  tables,
  clock,
  guestDataTtlMs,
}: DynamoCartsOptions): Carts => {
  const life = () => cartLife(clock, guestDataTtlMs);

  const read = async (userId: string) =>
    (
      await client.send(
        new GetItemCommand({ TableName: tables.carts, Key: cartKey(userId), ConsistentRead: true }),
      )
    ).Item;

  /** A conditional update: the cart after it, or the cart as it was when the condition failed. */
  const conditionally = async (
    input: Omit<UpdateItemCommandInput, 'TableName' | 'Key'>,
    userId: string,
  ): Promise<Attempt> => {
    try {
      const { Attributes } = await client.send(
        new UpdateItemCommand({
          TableName: tables.carts,
          Key: cartKey(userId),
          ReturnValues: 'ALL_NEW',
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
          ...input,
        }),
      );
      return { kind: 'done', item: Attributes };
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) {
        return { kind: 'refused', old: error.Item };
      }
      throw error;
    }
  };

  /**
   * A cart of one line, in place of no cart or of an idle one — exactly the one seen, so a
   * fresh cart someone made meanwhile is never overwritten. Null when the cart changed.
   */
  const freshCart = async (
    userId: string,
    productId: string,
    quantity: number,
    seen: Item | undefined,
    now: CartLife,
  ): Promise<CartChange | null> => {
    const item: Item = {
      ...cartKey(userId),
      lines: { M: { [productId]: lineValue(quantity, 1) } },
      nextPosition: { N: '2' },
      touchedAt: { N: String(now.now) },
      expiresAt: { N: String(now.expiresAt) },
    };
    try {
      await client.send(
        new PutItemCommand({
          TableName: tables.carts,
          Item: item,
          ...(seen
            ? {
                ConditionExpression: 'touchedAt = :seen',
                ExpressionAttributeValues: { ':seen': { N: String(numberAt(seen, 'touchedAt')) } },
              }
            : { ConditionExpression: 'attribute_not_exists(pk)' }),
        }),
      );
      return { kind: 'changed', lines: linesOf(item) };
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return null;
      throw error;
    }
  };

  /**
   * Puts `quantity` on a line that is not in the cart yet, within the line limit. Null when the
   * cart changed meanwhile (the caller starts over).
   */
  const addLine = async (
    userId: string,
    productId: string,
    quantity: number,
    cart: Item | undefined,
    now: CartLife,
  ): Promise<CartChange | null> => {
    if (!isAliveCart(cart, now)) return freshCart(userId, productId, quantity, cart, now);
    if (linesOf(cart).length >= MAX_CART_LINES) return { kind: 'cart-full' };
    const position = numberAt(cart, 'nextPosition');
    const alive = touch(now);
    // `nextPosition` is the cart's revision for new lines: whoever added a line meanwhile
    // moved it, and this attempt starts over with what they wrote.
    const attempt = await conditionally(
      {
        UpdateExpression: `SET #lines.#p = :line, nextPosition = :next, ${alive.set}`,
        ConditionExpression: `nextPosition = :position AND attribute_not_exists(#lines.#p) AND ${alive.alive}`,
        ExpressionAttributeNames: { '#lines': 'lines', '#p': productId },
        ExpressionAttributeValues: {
          ':line': lineValue(quantity, position),
          ':position': { N: String(position) },
          ':next': { N: String(position + 1) },
          ...alive.values,
        },
      },
      userId,
    );
    return attempt.kind === 'done' ? { kind: 'changed', lines: linesOf(attempt.item) } : null;
  };

  const lineOf = (cart: Item | undefined, productId: string) => cart?.lines?.M?.[productId];
  const quantityIn = (cart: Item | undefined, productId: string) =>
    numberAt(lineOf(cart, productId)?.M, 'quantity');

  /** Removes a line from a live cart (a change, so it keeps the cart alive); `[]` for none. */
  const dropLine = async (userId: string, productId: string) => {
    const now = life();
    const alive = touch(now);
    const removed = await conditionally(
      {
        UpdateExpression: `REMOVE #lines.#p SET ${alive.set}`,
        // Without it, removing from a cart that does not exist would create an empty one.
        ConditionExpression: `attribute_exists(pk) AND ${alive.alive}`,
        ExpressionAttributeNames: { '#lines': 'lines', '#p': productId },
        ExpressionAttributeValues: alive.values,
      },
      userId,
    );
    return linesOf(removed.kind === 'done' ? removed.item : undefined);
  };

  return translateStoreErrors<Carts>({
    async get(userId) {
      const cart = await read(userId);
      return isAliveCart(cart, life()) ? linesOf(cart) : [];
    },

    async addItem(userId, productId, quantity) {
      return retryOnConflict('adding to a cart', async () => {
        const now = life();
        const alive = touch(now);
        // Growing a line is one atomic update, so parallel adds all count without a retry.
        const grown = await conditionally(
          {
            UpdateExpression: `SET #lines.#p.quantity = #lines.#p.quantity + :n, ${alive.set}`,
            ConditionExpression: `attribute_exists(#lines.#p) AND #lines.#p.quantity <= :room AND ${alive.alive}`,
            ExpressionAttributeNames: { '#lines': 'lines', '#p': productId },
            ExpressionAttributeValues: {
              ':n': { N: String(quantity) },
              ':room': { N: String(MAX_LINE_QUANTITY - quantity) },
              ...alive.values,
            },
          },
          userId,
        );
        if (grown.kind === 'done') return { kind: 'changed', lines: linesOf(grown.item) };
        if (isAliveCart(grown.old, now) && lineOf(grown.old, productId)) {
          return { kind: 'line-full', quantity: quantityIn(grown.old, productId) };
        }
        if (quantity > MAX_LINE_QUANTITY) return { kind: 'line-full', quantity: 0 };
        return (await addLine(userId, productId, quantity, grown.old, now)) ?? AGAIN;
      });
    },

    async setQuantity(userId, productId, quantity) {
      return retryOnConflict('changing a cart', async () => {
        if (quantity <= 0) return { kind: 'changed', lines: await dropLine(userId, productId) };
        const now = life();
        const seen = await read(userId);
        const cart = isAliveCart(seen, now) ? seen : undefined;
        if (quantity > MAX_LINE_QUANTITY) {
          return { kind: 'line-full', quantity: quantityIn(cart, productId) };
        }
        if (!lineOf(cart, productId)) {
          return (await addLine(userId, productId, quantity, seen, now)) ?? AGAIN;
        }
        const alive = touch(now);
        const set = await conditionally(
          {
            UpdateExpression: `SET #lines.#p.quantity = :n, ${alive.set}`,
            ConditionExpression: `attribute_exists(#lines.#p) AND ${alive.alive}`,
            ExpressionAttributeNames: { '#lines': 'lines', '#p': productId },
            ExpressionAttributeValues: { ':n': { N: String(quantity) }, ...alive.values },
          },
          userId,
        );
        return set.kind === 'done' ? { kind: 'changed', lines: linesOf(set.item) } : AGAIN;
      });
    },

    async removeItem(userId, productId) {
      return retryOnConflict('removing from a cart', () => dropLine(userId, productId));
    },

    async removeIdle() {
      // DynamoDB's TTL deletes idle carts itself (within days of `expiresAt`); reads and changes
      // treat them as gone from the moment they idle out, so there is nothing to do here.
      return 0;
    },
  });
};
