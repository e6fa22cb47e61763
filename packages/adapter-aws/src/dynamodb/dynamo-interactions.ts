import {
  ConditionalCheckFailedException,
  type DynamoDBClient,
  QueryCommand,
  UpdateItemCommand,
  type UpdateItemCommandInput,
} from '@aws-sdk/client-dynamodb';
import { EVENT_WEIGHTS, type Interaction } from '@sellout/core/recommendations/interaction';
import type { Interactions } from '@sellout/core/recommendations/interactions-port';
import type { Clock } from '@sellout/core/shared/system';
import { type Item, numberAt, textAt } from './item';
import { AGAIN, retryOnConflict } from './retries';
import { translateStoreErrors } from './store-errors';
import type { TableNames } from './table-definitions';

/*
 * One item per shopper and category (`userId`, `category`): a running `score` and `lastAt`.
 * A score whose lastAt is as old as the time to live is gone: reads skip it, the next event
 * starts it again from its own weight, and DynamoDB's TTL (`expiresAt`) deletes it later.
 */

type Touch = { userId: string; category: string; weight: number; at: string };

/** Events of one shopper and category are one write: their weights summed, the latest time. */
const touchesOf = (events: readonly Interaction[]): Touch[] => {
  const touches = new Map<string, Touch>();
  for (const event of events) {
    const key = `${event.userId}\u0000${event.category}`;
    const seen = touches.get(key);
    const weight = EVENT_WEIGHTS[event.eventType];
    touches.set(
      key,
      seen
        ? { ...seen, weight: seen.weight + weight, at: seen.at > event.at ? seen.at : event.at }
        : { userId: event.userId, category: event.category, weight, at: event.at },
    );
  }
  return [...touches.values()];
};

export type DynamoInteractionsOptions = {
  client: DynamoDBClient;
  tables: Pick<TableNames, 'interactions'>;
  clock: Clock;
  /** How long a score lives after its last event (CART_TTL_DAYS). */
  guestDataTtlMs: number;
};

export const createDynamoInteractions = ({
  client,
  tables,
  clock,
  guestDataTtlMs,
}: DynamoInteractionsOptions): Interactions => {
  /** Scores whose lastAt is at or before this instant are gone (ISO 8601, so it compares as text). */
  const cutoff = () => new Date(clock.now().getTime() - guestDataTtlMs).toISOString();
  /** DynamoDB's TTL, in real time: its deletion lags anyway, and must never come early. */
  const expiresAt = (at: string) => ({
    N: String(Math.ceil((Math.max(Date.parse(at), Date.now()) + guestDataTtlMs) / 1000)),
  });

  const key = (t: Touch) => ({ userId: { S: t.userId }, category: { S: t.category } });

  /** One conditional write; the item as it was when its condition failed, or null when done. */
  const attempt = async (
    t: Touch,
    input: Omit<UpdateItemCommandInput, 'TableName' | 'Key'>,
  ): Promise<{ old: Item | undefined } | null> => {
    try {
      await client.send(
        new UpdateItemCommand({
          TableName: tables.interactions,
          Key: key(t),
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
          ...input,
        }),
      );
      return null;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return { old: error.Item };
      throw error;
    }
  };

  const touch = (t: Touch) =>
    retryOnConflict('recording an interaction', async () => {
      const stale = cutoff();
      const weight = { ':weight': { N: String(t.weight) } };
      // The usual case, events arriving in order on a live score: score and time in one write.
      const later = await attempt(t, {
        UpdateExpression: 'ADD score :weight SET lastAt = :at, expiresAt = :expires',
        ConditionExpression: 'lastAt > :stale AND lastAt < :at',
        ExpressionAttributeValues: {
          ...weight,
          ':at': { S: t.at },
          ':stale': { S: stale },
          ':expires': expiresAt(t.at),
        },
      });
      if (!later) return undefined;
      const lastAt = textAt(later.old, 'lastAt');
      if (lastAt === null || lastAt <= stale) {
        // No score yet, or a forgotten one: this event starts it, unless someone else just did.
        const fresh = await attempt(t, {
          UpdateExpression: 'SET score = :weight, lastAt = :at, expiresAt = :expires',
          ConditionExpression: lastAt === null ? 'attribute_not_exists(lastAt)' : 'lastAt = :seen',
          ExpressionAttributeValues: {
            ...weight,
            ':at': { S: t.at },
            ':expires': expiresAt(t.at),
            ...(lastAt !== null && { ':seen': { S: lastAt } }),
          },
        });
        return fresh ? AGAIN : undefined;
      }
      // A later event is already recorded: the score still grows, the time stays.
      const earlier = await attempt(t, {
        UpdateExpression: 'ADD score :weight',
        ConditionExpression: 'lastAt > :stale AND lastAt >= :at',
        ExpressionAttributeValues: { ...weight, ':at': { S: t.at }, ':stale': { S: stale } },
      });
      return earlier ? AGAIN : undefined;
    });

  return translateStoreErrors<Interactions>({
    async record(events) {
      await Promise.all(touchesOf(events).map(touch));
    },
    async categoryScores(userId) {
      // A shopper has one item per category touched: one page in practice, all pages anyway.
      // Eventually consistent: a recommendation may miss the click of the last second.
      const stale = cutoff();
      const scores = [];
      let startKey: Item | undefined;
      do {
        const page = await client.send(
          new QueryCommand({
            TableName: tables.interactions,
            KeyConditionExpression: 'userId = :userId',
            ExpressionAttributeValues: { ':userId': { S: userId } },
            ...(startKey && { ExclusiveStartKey: startKey }),
          }),
        );
        for (const item of page.Items ?? []) {
          const lastAt = textAt(item, 'lastAt')!;
          if (lastAt <= stale) continue;
          scores.push({
            category: textAt(item, 'category')!,
            score: numberAt(item, 'score'),
            lastAt,
          });
        }
        startKey = page.LastEvaluatedKey;
      } while (startKey);
      return scores;
    },
    async removeIdle() {
      // DynamoDB's TTL deletes forgotten scores itself; reads already skip them.
      return 0;
    },
  });
};
