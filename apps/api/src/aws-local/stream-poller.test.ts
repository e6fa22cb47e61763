import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DescribeTableCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { clientConfig, LOCAL_CREDENTIALS } from '@sellout/adapter-aws/aws-client-options';
import {
  dynamodbEndpoint,
  freshTables,
  localClient,
  withoutDynamoDb,
} from '@sellout/adapter-aws/testing/dynamodb-test-tables';
import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handledCount, type StreamPollerOptions, startStreamPoller } from './stream-poller';
import { openStreamPositions } from './stream-positions';

const quiet = { debug() {}, warn() {}, error() {} };

describe('handledCount (where a stream batch is retried from)', () => {
  const records = ['1', '2', '3'].map((n) => ({ dynamodb: { SequenceNumber: n } }));

  it('is the whole batch without failures, else the records before the lowest failed one', () => {
    expect(handledCount(records, undefined)).toBe(3);
    expect(
      handledCount(records, {
        batchItemFailures: [{ itemIdentifier: '3' }, { itemIdentifier: '2' }],
      }),
    ).toBe(1);
  });

  it('is none when a reported sequence number is not in the batch', () => {
    expect(handledCount(records, { batchItemFailures: [{ itemIdentifier: '9' }] })).toBe(0);
  });
});

describe.skipIf(withoutDynamoDb)('the DynamoDB Streams poller against DynamoDB Local', () => {
  const client = withoutDynamoDb ? null : localClient();
  const streams = new DynamoDBStreamsClient(
    clientConfig({
      region: 'us-east-1',
      endpoint: dynamodbEndpoint ?? undefined,
      credentials: LOCAL_CREDENTIALS,
    }),
  );
  const dir = mkdtempSync(join(tmpdir(), 'sellout-stream-poller-'));
  let tables: Awaited<ReturnType<typeof freshTables>>;
  let streamArn: string;

  beforeAll(async () => {
    tables = await freshTables(client!, 'stream-poller', ['orders']);
    const { Table } = await client!.send(
      new DescribeTableCommand({ TableName: tables.names.orders }),
    );
    streamArn = Table!.LatestStreamArn!;
  });
  afterAll(async () => {
    await tables?.drop();
    client?.destroy();
    streams.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  const put = (pk: string) =>
    client!.send(
      new PutItemCommand({
        TableName: tables.names.orders,
        Item: { pk: { S: pk }, bytes: { B: new Uint8Array([1, 2, 3]) } },
      }),
    );

  const poller = (
    handler: (event: DynamoDBStreamEvent) => Promise<DynamoDBBatchResponse | undefined>,
    overrides: Partial<StreamPollerOptions> = {},
  ) =>
    startStreamPoller({
      client: streams,
      streamArns: [streamArn],
      handler,
      functionName: 'stream',
      region: 'us-east-1',
      positions: openStreamPositions(join(dir, 'positions.json')),
      log: quiet,
      startingPosition: 'TRIM_HORIZON',
      batchSize: 100,
      batchingWindowMs: 200,
      retryAttempts: 3,
      bisectOnError: true,
      timeoutMs: 10_000,
      idleMs: 50,
      ...overrides,
    });

  const keysOf = (records: DynamoDBRecord[]) => records.map((r) => r.dynamodb?.Keys?.pk?.S);

  it('delivers stream events of Lambda’s shape, retries from the first record reported failed, and resumes after a restart where it stopped', async () => {
    await put('o_1');
    await put('o_2');
    await put('o_3');
    const delivered: DynamoDBRecord[][] = [];
    let failedOnce = false;
    const first = poller(async (event) => {
      delivered.push(event.Records);
      const second = event.Records.find((r) => r.dynamodb?.Keys?.pk?.S === 'o_2');
      if (second && !failedOnce) {
        failedOnce = true;
        return { batchItemFailures: [{ itemIdentifier: second.dynamodb!.SequenceNumber! }] };
      }
      return { batchItemFailures: [] };
    });
    await expect
      .poll(() => keysOf(delivered.flat()), { timeout: 20_000 })
      .toEqual(['o_1', 'o_2', 'o_3', 'o_2', 'o_3']);
    await first.stop();

    const [record] = delivered[0]!;
    expect(record).toMatchObject({
      eventName: 'INSERT',
      eventSource: 'aws:dynamodb',
      eventSourceARN: streamArn,
      awsRegion: 'us-east-1',
      dynamodb: {
        Keys: { pk: { S: 'o_1' } },
        NewImage: { pk: { S: 'o_1' }, bytes: { B: 'AQID' } },
        StreamViewType: 'NEW_AND_OLD_IMAGES',
      },
    });
    expect(typeof record!.dynamodb!.ApproximateCreationDateTime).toBe('number');

    // A new run with the same positions file: only what came after is delivered.
    await put('o_4');
    const later: DynamoDBRecord[] = [];
    const second = poller(async (event) => {
      later.push(...event.Records);
      return undefined;
    });
    try {
      await expect.poll(() => keysOf(later), { timeout: 20_000 }).toEqual(['o_4']);
    } finally {
      await second.stop();
    }
  }, 60_000);

  it('halves a batch whose handler throws, and skips a record still failing after the retries', async () => {
    await put('o_5');
    await put('o_6');
    const sizes: number[] = [];
    const handled: string[] = [];
    const run = poller(
      async (event) => {
        sizes.push(event.Records.length);
        if (keysOf(event.Records).includes('o_5')) throw new Error('poison');
        handled.push(...(keysOf(event.Records) as string[]));
        return undefined;
      },
      { retryAttempts: 2 },
    );
    try {
      await expect.poll(() => handled, { timeout: 30_000 }).toEqual(['o_6']);
      expect(sizes).toEqual([2, 1, 1, 1]);
    } finally {
      await run.stop();
    }
  }, 60_000);
});
