import { BatchGetItemCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { Item } from './item';
import { AGAIN, retryOnConflict } from './retries';

/** BatchGetItem takes at most 100 keys. */
const BATCH = 100;

/**
 * The items of `keys` that exist, in no particular order. Keys DynamoDB left unprocessed (it
 * does that when the table throttles) are asked for again after a pause.
 */
export const batchGet = async (
  client: DynamoDBClient,
  table: string,
  keys: readonly Item[],
  consistent: boolean,
): Promise<Item[]> => {
  const found: Item[] = [];
  const chunks: Item[][] = [];
  for (let i = 0; i < keys.length; i += BATCH) chunks.push(keys.slice(i, i + BATCH));
  await Promise.all(
    chunks.map(async (chunk) => {
      let pending = chunk;
      await retryOnConflict(`reading ${table}`, async () => {
        const { Responses, UnprocessedKeys } = await client.send(
          new BatchGetItemCommand({
            RequestItems: { [table]: { Keys: pending, ConsistentRead: consistent } },
          }),
        );
        found.push(...(Responses?.[table] ?? []));
        pending = UnprocessedKeys?.[table]?.Keys ?? [];
        return pending.length > 0 ? AGAIN : undefined;
      });
    }),
  );
  return found;
};
