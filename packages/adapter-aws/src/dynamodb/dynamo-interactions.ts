import {
  ConditionalCheckFailedException,
  type DynamoDBClient,
  QueryCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import { EVENT_WEIGHTS, type Interaction } from '@sellout/core/recommendations/interaction';
import type { Interactions } from '@sellout/core/recommendations/interactions-port';
import { type Item, numberAt, textAt } from './item';
import { translateStoreErrors } from './store-errors';
import type { TableNames } from './table-definitions';

/** One item per shopper and category (`userId`, `category`): a running score and lastAt. */
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

export const createDynamoInteractions = ({
  client,
  tables,
}: {
  client: DynamoDBClient;
  tables: Pick<TableNames, 'interactions'>;
}): Interactions => {
  const key = (touch: Touch) => ({
    userId: { S: touch.userId },
    category: { S: touch.category },
  });

  const touch = async (t: Touch) => {
    try {
      // The usual case, events arriving in order: score and time in one write.
      await client.send(
        new UpdateItemCommand({
          TableName: tables.interactions,
          Key: key(t),
          UpdateExpression: 'ADD score :weight SET lastAt = :at',
          ConditionExpression: 'attribute_not_exists(lastAt) OR lastAt < :at',
          ExpressionAttributeValues: { ':weight': { N: String(t.weight) }, ':at': { S: t.at } },
        }),
      );
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      // A later event is already recorded: the score still grows, the time stays.
      await client.send(
        new UpdateItemCommand({
          TableName: tables.interactions,
          Key: key(t),
          UpdateExpression: 'ADD score :weight',
          ExpressionAttributeValues: { ':weight': { N: String(t.weight) } },
        }),
      );
    }
  };

  return translateStoreErrors<Interactions>({
    async record(events) {
      await Promise.all(touchesOf(events).map(touch));
    },
    async categoryScores(userId) {
      // A shopper has one item per category touched: one page in practice, all pages anyway.
      // Eventually consistent: a recommendation may miss the click of the last second.
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
          scores.push({
            category: textAt(item, 'category')!,
            score: numberAt(item, 'score'),
            lastAt: textAt(item, 'lastAt')!,
          });
        }
        startKey = page.LastEvaluatedKey;
      } while (startKey);
      return scores;
    },
  });
};
