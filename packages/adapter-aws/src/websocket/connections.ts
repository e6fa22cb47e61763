import {
  DeleteItemCommand,
  type DynamoDBClient,
  PutItemCommand,
  QueryCommand,
  ScanCommand,
} from '@aws-sdk/client-dynamodb';
import type { Clock } from '@sellout/core/shared/system';
import type { Item } from '../dynamodb/item';

/** API Gateway closes a WebSocket connection after 2 hours; its item lives a little longer. */
export const CONNECTION_TTL_SECONDS = 2 * 60 * 60 + 10 * 60;

export type Connection = { connectionId: string; userId: string | null };

/**
 * The open WebSocket connections (the `connections` table): who is connected, and for order
 * messages which shopper each is. A connection whose `$disconnect` never ran is deleted when
 * a send finds it gone, or by TTL; reads skip expired ones DynamoDB has not deleted yet.
 */
export const createConnections = (options: {
  client: DynamoDBClient;
  table: string;
  clock: Clock;
}) => {
  const { client, table, clock } = options;
  const nowSeconds = () => Math.floor(clock.now().getTime() / 1000);
  const toConnection = (item: Item): Connection => ({
    connectionId: item.pk!.S!,
    userId: item.userId?.S ?? null,
  });
  return {
    async add(connection: Connection) {
      await client.send(
        new PutItemCommand({
          TableName: table,
          Item: {
            pk: { S: connection.connectionId },
            ...(connection.userId !== null && { userId: { S: connection.userId } }),
            connectedAt: { S: clock.now().toISOString() },
            expiresAt: { N: String(nowSeconds() + CONNECTION_TTL_SECONDS) },
          },
        }),
      );
    },
    async remove(connectionId: string) {
      await client.send(
        new DeleteItemCommand({ TableName: table, Key: { pk: { S: connectionId } } }),
      );
    },
    /** Every open connection (all of them get stock messages), page by page. */
    async all(): Promise<Connection[]> {
      const found: Connection[] = [];
      let start: Item | undefined;
      do {
        const page = await client.send(
          new ScanCommand({
            TableName: table,
            ExclusiveStartKey: start,
            FilterExpression: 'expiresAt > :now',
            ExpressionAttributeValues: { ':now': { N: String(nowSeconds()) } },
            ProjectionExpression: 'pk, userId',
          }),
        );
        found.push(...(page.Items ?? []).map(toConnection));
        start = page.LastEvaluatedKey;
      } while (start);
      return found;
    },
    /** The connections of one shopper (the sparse by-user index), for their order messages. */
    async ofUser(userId: string): Promise<string[]> {
      const found: string[] = [];
      let start: Item | undefined;
      do {
        const page = await client.send(
          new QueryCommand({
            TableName: table,
            IndexName: 'by-user',
            KeyConditionExpression: 'userId = :user',
            ExpressionAttributeValues: { ':user': { S: userId } },
            ExclusiveStartKey: start,
          }),
        );
        found.push(...(page.Items ?? []).map((item) => item.pk!.S!));
        start = page.LastEvaluatedKey;
      } while (start);
      return found;
    },
  };
};

export type Connections = ReturnType<typeof createConnections>;
