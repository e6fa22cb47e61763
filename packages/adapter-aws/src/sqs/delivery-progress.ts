import {
  ConditionalCheckFailedException,
  type DynamoDBClient,
  PutItemCommand,
} from '@aws-sdk/client-dynamodb';
import type { Clock } from '@sellout/core/shared/system';

/** Progress items outlive any message of their order (SQS keeps one 4 days at most). */
const KEEP_SECONDS = 14 * 24 * 60 * 60;

/**
 * When an order last made progress on its way to the worker: a failed delivery attempt, or a
 * re-send (sweeper, admin retry). Placing the order is progress too (its `createdAt`). The
 * sweeper re-sends only orders quiet for SWEEP_AFTER_MS, so an order that is being retried
 * with backoff, or sits in a backlog it was re-sent into, is not sent again and again. Kept
 * as `delivery#<order id>` items of the markers table (ADR 60).
 */
export type DeliveryProgress = {
  /** Something happened to the order's delivery now. */
  record(orderId: string): Promise<void>;
  /**
   * Claims a re-send: true, and the progress recorded, only if nothing happened since
   * `quietSince` (ISO time); of two sweepers racing, one gets it.
   */
  claimResend(orderId: string, quietSince: string): Promise<boolean>;
};

export const createDeliveryProgress = (options: {
  client: DynamoDBClient;
  table: string;
  clock: Clock;
}): DeliveryProgress => {
  const { client, table, clock } = options;
  const itemOf = (orderId: string) => {
    const now = clock.now();
    return {
      pk: { S: `delivery#${orderId}` },
      at: { S: now.toISOString() },
      expiresAt: { N: String(Math.floor(now.getTime() / 1000) + KEEP_SECONDS) },
    };
  };
  return {
    async record(orderId) {
      await client.send(new PutItemCommand({ TableName: table, Item: itemOf(orderId) }));
    },
    async claimResend(orderId, quietSince) {
      try {
        await client.send(
          new PutItemCommand({
            TableName: table,
            Item: itemOf(orderId),
            ConditionExpression: 'attribute_not_exists(pk) OR #at < :since',
            ExpressionAttributeNames: { '#at': 'at' },
            ExpressionAttributeValues: { ':since': { S: quietSince } },
          }),
        );
        return true;
      } catch (error) {
        if (error instanceof ConditionalCheckFailedException) return false;
        throw error;
      }
    },
  };
};
