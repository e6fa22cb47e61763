import {
  type AttributeDefinition,
  CreateTableCommand,
  type CreateTableCommandInput,
  DeleteTableCommand,
  DescribeTableCommand,
  type DynamoDBClient,
  type KeySchemaElement,
  ResourceInUseException,
  ResourceNotFoundException,
  UpdateTableCommand,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import {
  type IndexDefinition,
  type KeyAttribute,
  type TableDefinition,
  type TableKey,
  type TableNames,
  tableDefinitions,
} from './table-definitions';

const keySchema = (partitionKey: KeyAttribute, sortKey?: KeyAttribute): KeySchemaElement[] => [
  { AttributeName: partitionKey.name, KeyType: 'HASH' },
  ...(sortKey ? [{ AttributeName: sortKey.name, KeyType: 'RANGE' as const }] : []),
];

const keysOf = (holder: { partitionKey: KeyAttribute; sortKey?: KeyAttribute }) =>
  holder.sortKey ? [holder.partitionKey, holder.sortKey] : [holder.partitionKey];

const projectionOf = (index: IndexDefinition) =>
  index.projection.type === 'INCLUDE'
    ? { ProjectionType: 'INCLUDE' as const, NonKeyAttributes: [...index.projection.attributes] }
    : { ProjectionType: index.projection.type };

/** A table definition as the CreateTable request of an on-demand table named `name`. */
export const toCreateTableInput = (
  definition: TableDefinition,
  name: string,
): CreateTableCommandInput => {
  const attributes = new Map<string, AttributeDefinition>();
  for (const key of [keysOf(definition), ...definition.indexes.map(keysOf)].flat()) {
    attributes.set(key.name, { AttributeName: key.name, AttributeType: key.type });
  }
  return {
    TableName: name,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [...attributes.values()],
    KeySchema: keySchema(definition.partitionKey, definition.sortKey),
    ...(definition.indexes.length > 0 && {
      GlobalSecondaryIndexes: definition.indexes.map((index) => ({
        IndexName: index.name,
        KeySchema: keySchema(index.partitionKey, index.sortKey),
        Projection: projectionOf(index),
      })),
    }),
    ...(definition.stream && {
      StreamSpecification: { StreamEnabled: true, StreamViewType: definition.stream },
    }),
  };
};

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const waitUntilActive = async (client: DynamoDBClient, name: string) => {
  for (let attempt = 0; attempt < 600; attempt++) {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: name }));
    if (Table?.TableStatus === 'ACTIVE') return;
    await pause(100);
  }
  throw new Error(`Table ${name} did not become ACTIVE within a minute.`);
};

/** The names of a table's global secondary indexes; null when there is no such table. */
const existingIndexes = async (client: DynamoDBClient, name: string) => {
  try {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: name }));
    return new Set((Table?.GlobalSecondaryIndexes ?? []).map((index) => index.IndexName));
  } catch (error) {
    if (error instanceof ResourceNotFoundException) return null;
    throw error;
  }
};

const waitUntilIndexActive = async (client: DynamoDBClient, name: string, index: string) => {
  for (let attempt = 0; attempt < 3000; attempt++) {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: name }));
    const status = Table?.GlobalSecondaryIndexes?.find((i) => i.IndexName === index)?.IndexStatus;
    if (status === 'ACTIVE') return;
    await pause(100);
  }
  throw new Error(`Index ${index} of ${name} did not become ACTIVE within five minutes.`);
};

/**
 * A table made by an older version lacks the indexes added since (orders' by-email): each is
 * created in place, one at a time (DynamoDB takes one index change per request). Items written
 * before carry no key for it, so the index starts with the items written from then on.
 */
const addMissingIndexes = async (
  client: DynamoDBClient,
  definition: TableDefinition,
  name: string,
  existing: ReadonlySet<string | undefined>,
) => {
  const added: string[] = [];
  for (const index of definition.indexes.filter((i) => !existing.has(i.name))) {
    await client.send(
      new UpdateTableCommand({
        TableName: name,
        AttributeDefinitions: keysOf(index).map((key) => ({
          AttributeName: key.name,
          AttributeType: key.type,
        })),
        GlobalSecondaryIndexUpdates: [
          {
            Create: {
              IndexName: index.name,
              KeySchema: keySchema(index.partitionKey, index.sortKey),
              Projection: projectionOf(index),
            },
          },
        ],
      }),
    );
    await waitUntilIndexActive(client, name, index.name);
    added.push(`${name}.${index.name}`);
  }
  return added;
};

/**
 * Creates each missing table with its indexes, stream and TTL, and waits until all are
 * ACTIVE. For DynamoDB Local and development accounts; deployed tables come from the CDK.
 * Existing tables get the indexes they lack; the rest of their shape is not compared.
 */
export const ensureTables = async (
  client: DynamoDBClient,
  names: TableNames,
  include: (key: TableKey) => boolean = () => true,
  options: { timeToLive?: boolean } = {},
): Promise<{ created: string[]; indexesAdded: string[] }> => {
  const created: string[] = [];
  const indexesAdded: string[] = [];
  await Promise.all(
    (Object.keys(tableDefinitions) as TableKey[]).filter(include).map(async (key) => {
      const definition: TableDefinition = tableDefinitions[key];
      const name = names[key];
      const existing = await existingIndexes(client, name);
      if (existing) {
        indexesAdded.push(...(await addMissingIndexes(client, definition, name, existing)));
        return;
      }
      try {
        await client.send(new CreateTableCommand(toCreateTableInput(definition, name)));
      } catch (error) {
        // Another process (a second server starting at the same time) is creating it.
        if (!(error instanceof ResourceInUseException)) throw error;
        await waitUntilActive(client, name);
        return;
      }
      created.push(name);
      await waitUntilActive(client, name);
      if (definition.timeToLiveAttribute && options.timeToLive !== false) {
        await client.send(
          new UpdateTimeToLiveCommand({
            TableName: name,
            TimeToLiveSpecification: {
              AttributeName: definition.timeToLiveAttribute,
              Enabled: true,
            },
          }),
        );
      }
    }),
  );
  return { created: created.sort(), indexesAdded: indexesAdded.sort() };
};

/** Drops every table of `names` that exists; tests use it to leave DynamoDB Local empty. */
export const deleteTables = async (client: DynamoDBClient, names: TableNames) => {
  await Promise.all(
    Object.values(names).map(async (name) => {
      try {
        await client.send(new DeleteTableCommand({ TableName: name }));
      } catch (error) {
        if (!(error instanceof ResourceNotFoundException)) throw error;
      }
    }),
  );
};
