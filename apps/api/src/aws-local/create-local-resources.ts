import {
  DescribeTableCommand,
  type DynamoDBClient,
  UpdateTableCommand,
} from '@aws-sdk/client-dynamodb';
import type { S3Client } from '@aws-sdk/client-s3';
import type { SQSClient } from '@aws-sdk/client-sqs';
import { ensureTables } from '@sellout/adapter-aws/dynamodb/create-tables';
import {
  type TableNames,
  tableDefinitions,
  tableNames,
} from '@sellout/adapter-aws/dynamodb/table-definitions';
import {
  bucketName,
  eventSourceDefinitions,
  queueNames,
} from '@sellout/adapter-aws/resource-definitions';
import { ensureBucket } from '@sellout/adapter-aws/s3/create-bucket';
import { ensureQueues } from '@sellout/adapter-aws/sqs/create-queues';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The table's stream ARN; a table of an older DATA_DIR that was created without its stream
 * (the definitions say it has one) gets it now.
 */
const streamArnOf = async (client: DynamoDBClient, table: string, key: keyof TableNames) => {
  for (let attempt = 0; attempt < 600; attempt++) {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: table }));
    if (Table?.LatestStreamArn && Table.StreamSpecification?.StreamEnabled) {
      return Table.LatestStreamArn;
    }
    if (Table?.TableStatus === 'ACTIVE') {
      const view = tableDefinitions[key].stream ?? 'NEW_AND_OLD_IMAGES';
      await client.send(
        new UpdateTableCommand({
          TableName: table,
          StreamSpecification: { StreamEnabled: true, StreamViewType: view },
        }),
      );
    }
    await pause(100);
  }
  throw new Error(`The stream of ${table} did not appear within a minute.`);
};

/**
 * Everything the AWS runtime expects to exist, created from the same definitions as the CDK
 * stacks' (tables with their indexes, streams and TTL; the order queue with its redrive policy
 * to the dead-letter queue; the invoice bucket), idempotently: on every start, whatever
 * DynamoDB Local kept from the last run and whatever fauxqs (in memory) lost.
 */
export const createLocalResources = async (
  clients: { dynamodb: DynamoDBClient; sqs: SQSClient; s3: S3Client },
  prefix: string,
) => {
  const tables = tableNames(prefix);
  const { created } = await ensureTables(clients.dynamodb, tables);
  const streamArns = await Promise.all(
    eventSourceDefinitions.stream.tables.map((key) =>
      streamArnOf(clients.dynamodb, tables[key], key),
    ),
  );
  const queues = await ensureQueues(clients.sqs, queueNames(prefix));
  const bucket = bucketName(prefix);
  await ensureBucket(clients.s3, bucket);
  return { tables, createdTables: created, streamArns, queues, bucket };
};

export type LocalResources = Awaited<ReturnType<typeof createLocalResources>>;
