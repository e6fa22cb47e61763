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
import { type Item, numberAt } from './item';
import { AGAIN, retryOnConflict } from './retries';
import { translateStoreErrors } from './store-errors';
import type { TableNames } from './table-definitions';

/*
 * One item per cart (`pk` = user id): `lines` maps product id → {quantity, position}, and
 * `nextPosition` numbers lines in the order they were first added. One item keeps a cart
 * checkout to one action of its transaction, whatever the number of lines (ADR 0011).
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

const lineValue = (quantity: number, position: number) => ({
  M: { quantity: { N: String(quantity) }, position: { N: String(position) } },
});

type Attempt =
  | { kind: 'done'; item: Item | undefined }
  | { kind: 'refused'; old: Item | undefined };

export const createDynamoCarts = ({
  client,
  tables,
}: {
  client: DynamoDBClient;
  tables: Pick<TableNames, 'carts'>;
}): Carts => {
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
   * Puts `quantity` on a line that is not in the cart yet, within the line limit. Null when the
   * cart changed meanwhile (the caller starts over).
   */
  const addLine = async (
    userId: string,
    productId: string,
    quantity: number,
    cart: Item | undefined,
  ): Promise<CartChange | null> => {
    if (!cart) {
      try {
        const item: Item = {
          ...cartKey(userId),
          lines: { M: { [productId]: lineValue(quantity, 1) } },
          nextPosition: { N: '2' },
        };
        await client.send(
          new PutItemCommand({
            TableName: tables.carts,
            Item: item,
            ConditionExpression: 'attribute_not_exists(pk)',
          }),
        );
        return { kind: 'changed', lines: linesOf(item) };
      } catch (error) {
        if (error instanceof ConditionalCheckFailedException) return null;
        throw error;
      }
    }
    if (linesOf(cart).length >= MAX_CART_LINES) return { kind: 'cart-full' };
    const position = numberAt(cart, 'nextPosition');
    // `nextPosition` is the cart's revision for new lines: whoever added a line meanwhile
    // moved it, and this attempt starts over with what they wrote.
    const attempt = await conditionally(
      {
        UpdateExpression: 'SET #lines.#p = :line, nextPosition = :next',
        ConditionExpression: 'nextPosition = :position AND attribute_not_exists(#lines.#p)',
        ExpressionAttributeNames: { '#lines': 'lines', '#p': productId },
        ExpressionAttributeValues: {
          ':line': lineValue(quantity, position),
          ':position': { N: String(position) },
          ':next': { N: String(position + 1) },
        },
      },
      userId,
    );
    return attempt.kind === 'done' ? { kind: 'changed', lines: linesOf(attempt.item) } : null;
  };

  const quantityIn = (cart: Item | undefined, productId: string) =>
    numberAt(cart?.lines?.M?.[productId]?.M, 'quantity');

  const hasLine = (cart: Item | undefined, productId: string) =>
    cart?.lines?.M?.[productId] !== undefined;

  return translateStoreErrors<Carts>({
    async get(userId) {
      return linesOf(await read(userId));
    },

    async addItem(userId, productId, quantity) {
      return retryOnConflict('adding to a cart', async () => {
        // Growing a line is one atomic update, so parallel adds all count without a retry.
        const grown = await conditionally(
          {
            UpdateExpression: 'SET #lines.#p.quantity = #lines.#p.quantity + :n',
            ConditionExpression: 'attribute_exists(#lines.#p) AND #lines.#p.quantity <= :room',
            ExpressionAttributeNames: { '#lines': 'lines', '#p': productId },
            ExpressionAttributeValues: {
              ':n': { N: String(quantity) },
              ':room': { N: String(MAX_LINE_QUANTITY - quantity) },
            },
          },
          userId,
        );
        if (grown.kind === 'done') return { kind: 'changed', lines: linesOf(grown.item) };
        if (hasLine(grown.old, productId)) {
          return { kind: 'line-full', quantity: quantityIn(grown.old, productId) };
        }
        if (quantity > MAX_LINE_QUANTITY) return { kind: 'line-full', quantity: 0 };
        return (await addLine(userId, productId, quantity, grown.old)) ?? AGAIN;
      });
    },

    async setQuantity(userId, productId, quantity) {
      return retryOnConflict('changing a cart', async () => {
        if (quantity <= 0) {
          const removed = await conditionally(
            {
              UpdateExpression: 'REMOVE #lines.#p',
              ConditionExpression: 'attribute_exists(pk)',
              ExpressionAttributeNames: { '#lines': 'lines', '#p': productId },
            },
            userId,
          );
          return {
            kind: 'changed',
            lines: linesOf(removed.kind === 'done' ? removed.item : undefined),
          };
        }
        const cart = await read(userId);
        if (quantity > MAX_LINE_QUANTITY) {
          return { kind: 'line-full', quantity: quantityIn(cart, productId) };
        }
        if (!hasLine(cart, productId)) {
          return (await addLine(userId, productId, quantity, cart)) ?? AGAIN;
        }
        const set = await conditionally(
          {
            UpdateExpression: 'SET #lines.#p.quantity = :n',
            ConditionExpression: 'attribute_exists(#lines.#p)',
            ExpressionAttributeNames: { '#lines': 'lines', '#p': productId },
            ExpressionAttributeValues: { ':n': { N: String(quantity) } },
          },
          userId,
        );
        return set.kind === 'done' ? { kind: 'changed', lines: linesOf(set.item) } : AGAIN;
      });
    },

    async removeItem(userId, productId) {
      return retryOnConflict('removing from a cart', async () => {
        const removed = await conditionally(
          {
            UpdateExpression: 'REMOVE #lines.#p',
            // Without it, removing from a cart that does not exist would create an empty one.
            ConditionExpression: 'attribute_exists(pk)',
            ExpressionAttributeNames: { '#lines': 'lines', '#p': productId },
          },
          userId,
        );
        return linesOf(removed.kind === 'done' ? removed.item : undefined);
      });
    },
  });
};
