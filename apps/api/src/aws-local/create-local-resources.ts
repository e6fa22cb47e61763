import {
  DescribeTableCommand,
  type DynamoDBClient,
  UpdateTableCommand,
} from '@aws-sdk/client-dynamodb';
import { BucketAlreadyOwnedByYou, CreateBucketCommand, type S3Client } from '@aws-sdk/client-s3';
import { CreateQueueCommand, GetQueueAttributesCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { ensureTables } from '@sellout/adapter-aws/dynamodb/create-tables';
import {
  type TableNames,
  tableDefinitions,
  tableNames,
} from '@sellout/adapter-aws/dynamodb/table-definitions';
import {
  bucketName,
  eventSourceDefinitions,
  type QueueKey,
  queueDefinitions,
  queueNames,
} from '@sellout/adapter-aws/resource-definitions';

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

export type QueueAddress = { url: string; arn: string };

/**
 * One queue from its definition; its dead-letter queue must exist already. CreateQueue is
 * idempotent for the same attributes, so every start can run it.
 */
const createQueue = async (
  client: SQSClient,
  name: string,
  key: QueueKey,
  created: Partial<Record<QueueKey, QueueAddress>>,
): Promise<QueueAddress> => {
  const definition = queueDefinitions[key];
  const redrive = definition.redrive;
  const deadLetter = redrive ? created[redrive.deadLetterQueue] : undefined;
  if (redrive && !deadLetter) throw new Error(`Create ${redrive.deadLetterQueue} before ${key}.`);
  const { QueueUrl } = await client.send(
    new CreateQueueCommand({
      QueueName: name,
      Attributes: {
        VisibilityTimeout: String(definition.visibilityTimeoutSeconds),
        MessageRetentionPeriod: String(definition.messageRetentionSeconds),
        ReceiveMessageWaitTimeSeconds: String(definition.receiveMessageWaitTimeSeconds),
        ...(redrive &&
          deadLetter && {
            RedrivePolicy: JSON.stringify({
              deadLetterTargetArn: deadLetter.arn,
              maxReceiveCount: String(redrive.maxReceiveCount),
            }),
          }),
      },
    }),
  );
  if (!QueueUrl) throw new Error(`CreateQueue ${name} answered no URL.`);
  const { Attributes } = await client.send(
    new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['QueueArn'] }),
  );
  if (!Attributes?.QueueArn) throw new Error(`Queue ${name} has no ARN.`);
  return { url: QueueUrl, arn: Attributes.QueueArn };
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
  const names = queueNames(prefix);
  const queues: Partial<Record<QueueKey, QueueAddress>> = {};
  // Dead-letter queues first: a redrive policy names its target's ARN.
  for (const key of (Object.keys(queueDefinitions) as QueueKey[]).sort(
    (a, b) =>
      Number(queueDefinitions[a].redrive !== null) - Number(queueDefinitions[b].redrive !== null),
  )) {
    queues[key] = await createQueue(clients.sqs, names[key], key, queues);
  }
  const bucket = bucketName(prefix);
  try {
    await clients.s3.send(new CreateBucketCommand({ Bucket: bucket }));
  } catch (error) {
    if (!(error instanceof BucketAlreadyOwnedByYou)) throw error;
  }
  return {
    tables,
    createdTables: created,
    streamArns,
    queues: queues as Record<QueueKey, QueueAddress>,
    bucket,
  };
};

export type LocalResources = Awaited<ReturnType<typeof createLocalResources>>;
