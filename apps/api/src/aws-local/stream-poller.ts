import { setTimeout as sleep } from 'node:timers/promises';
import {
  type _Record,
  DescribeStreamCommand,
  type DynamoDBStreamsClient,
  ExpiredIteratorException,
  GetRecordsCommand,
  GetShardIteratorCommand,
  ResourceNotFoundException,
  type Shard,
  TrimmedDataAccessException,
} from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBBatchResponse, DynamoDBStreamEvent, DynamoDBStreamHandler } from 'aws-lambda';
import { lambdaContext, streamRecordOf } from './lambda-events';
import { SHARD_CLOSED, type StreamPositions } from './stream-positions';

type PollerLog = {
  debug(fields: object, message: string): void;
  warn(fields: object, message: string): void;
  error(fields: object, message: string): void;
};

export type StreamPollerOptions = {
  client: DynamoDBStreamsClient;
  /** One stream per table that has one (products, orders). */
  streamArns: readonly string[];
  /** The stream Lambda's handler, invoked as its event source mapping would. */
  handler: DynamoDBStreamHandler;
  functionName: string;
  region: string;
  positions: StreamPositions;
  log: PollerLog;
  /** Records per invocation at most (Lambda's BatchSize for streams defaults to 100). */
  batchSize?: number;
  /** Wait after an empty read of a shard (Lambda reads each shard four times a second). */
  idleMs?: number;
  /** How often the shard list is read again, to find the children of a split. */
  discoverEveryMs?: number;
  /** Failed invocations of one batch before it is skipped (MaximumRetryAttempts). */
  maxRetries?: number;
  timeoutMs?: number;
};

/**
 * How many records, from the first, the handler got through: all of them, none when it threw,
 * or those before the lowest sequence number it reported failed (ReportBatchItemFailures:
 * Lambda retries from there). A reported identifier not in the batch fails the whole batch.
 */
export const handledCount = (
  records: readonly _Record[],
  response: DynamoDBBatchResponse | undefined,
): number => {
  const failures = response?.batchItemFailures ?? [];
  if (failures.length === 0) return records.length;
  const indexes = failures.map((f) =>
    records.findIndex((r) => r.dynamodb?.SequenceNumber === f.itemIdentifier),
  );
  return indexes.some((i) => i === -1) ? 0 : Math.min(...indexes);
};

/**
 * Lambda's DynamoDB Streams event source mapping, on one machine, against DynamoDB Local:
 * DescribeStream for the shards, one reader per shard (children of a split only once their
 * parent is read to its end, so a key's changes stay in order), GetRecords in batches, the
 * handler invoked with real stream events, and each shard's position kept in `positions`
 * after every batch handled. A failed batch is retried from its first unhandled record with
 * backoff; after `maxRetries` it is skipped and logged (what the sweeper exists for).
 */
export const startStreamPoller = (options: StreamPollerOptions) => {
  const { client, positions, log } = options;
  const idleMs = options.idleMs ?? 250;
  const maxRetries = options.maxRetries ?? 10;
  const stopping = new AbortController();
  const readers = new Map<string, Promise<void>>();
  let running = true;

  const rest = (ms: number) => sleep(ms, undefined, { signal: stopping.signal }).catch(() => {});

  const iteratorAt = async (streamArn: string, shardId: string) => {
    const after = positions.of(streamArn)[shardId];
    const { ShardIterator } = await client.send(
      new GetShardIteratorCommand({
        StreamArn: streamArn,
        ShardId: shardId,
        ...(after
          ? { ShardIteratorType: 'AFTER_SEQUENCE_NUMBER', SequenceNumber: after }
          : { ShardIteratorType: 'TRIM_HORIZON' }),
      }),
    );
    return ShardIterator;
  };

  const invoke = async (streamArn: string, records: _Record[]) => {
    const event: DynamoDBStreamEvent = {
      Records: records.map((r) => streamRecordOf(r, streamArn, options.region)),
    };
    const context = lambdaContext(
      options.functionName,
      options.region,
      options.timeoutMs ?? 30_000,
    );
    try {
      return handledCount(records, (await options.handler(event, context, () => {})) ?? undefined);
    } catch (error) {
      log.warn({ err: error, records: records.length }, 'the stream handler failed its batch');
      return 0;
    }
  };

  const read = async (streamArn: string, shardId: string) => {
    let iterator: string | undefined;
    let failures = 0;
    while (running) {
      try {
        iterator ??= await iteratorAt(streamArn, shardId);
        if (!iterator) break;
        const { Records = [], NextShardIterator } = await client.send(
          new GetRecordsCommand({ ShardIterator: iterator, Limit: options.batchSize ?? 100 }),
        );
        if (Records.length > 0) {
          const handled = await invoke(streamArn, Records);
          let through = handled;
          if (handled === Records.length) failures = 0;
          else if (++failures > maxRetries) {
            log.error(
              { shardId, records: Records.length - handled },
              `the stream handler failed these records ${failures} times; skipping them`,
            );
            through = Records.length;
            failures = 0;
          }
          const last = Records[through - 1]?.dynamodb?.SequenceNumber;
          if (last) positions.set(streamArn, shardId, last);
          if (through < Records.length) {
            // Read again from the first record not handled, after a pause.
            iterator = undefined;
            await rest(Math.min(30_000, 500 * 2 ** (failures - 1)));
            continue;
          }
        }
        if (!NextShardIterator) {
          // Closed by a split and read to its end: its children may start.
          positions.set(streamArn, shardId, SHARD_CLOSED);
          void discover(streamArn);
          break;
        }
        iterator = NextShardIterator;
        if (Records.length === 0) await rest(idleMs);
      } catch (error) {
        if (!running) break;
        if (error instanceof ResourceNotFoundException) {
          log.warn({ streamArn, shardId }, 'the stream or shard is gone; no longer reading it');
          break;
        }
        if (error instanceof TrimmedDataAccessException) {
          log.warn({ shardId }, 'records past the stream retention were trimmed; reading on');
        } else if (!(error instanceof ExpiredIteratorException)) {
          log.warn({ err: error, shardId }, 'could not read the stream; will retry');
          await rest(1_000);
        }
        iterator = undefined;
      }
    }
  };

  const shardsOf = async (streamArn: string) => {
    const shards: Shard[] = [];
    let start: string | undefined;
    do {
      const { StreamDescription } = await client.send(
        new DescribeStreamCommand({ StreamArn: streamArn, ExclusiveStartShardId: start }),
      );
      shards.push(...(StreamDescription?.Shards ?? []));
      start = StreamDescription?.LastEvaluatedShardId;
    } while (start);
    return shards;
  };

  /** Starts a reader for every open shard whose parent is done (or trimmed away). */
  const discover = async (streamArn: string) => {
    if (!running) return;
    try {
      const shards = await shardsOf(streamArn);
      const known = new Set(shards.map((s) => s.ShardId));
      const done = positions.of(streamArn);
      for (const { ShardId: id, ParentShardId: parent } of shards) {
        if (!id || done[id] === SHARD_CLOSED || readers.has(`${streamArn} ${id}`)) continue;
        if (parent && known.has(parent) && done[parent] !== SHARD_CLOSED) continue;
        log.debug({ streamArn, shardId: id }, 'reading a stream shard');
        const key = `${streamArn} ${id}`;
        readers.set(key, read(streamArn, id));
      }
    } catch (error) {
      if (running)
        log.warn({ err: error, streamArn }, 'could not list the stream shards; will retry');
    }
  };

  const discovering = (async () => {
    while (running) {
      await Promise.all(options.streamArns.map(discover));
      await rest(options.discoverEveryMs ?? 10_000);
    }
  })();

  return {
    /** Stops reading; the batches being handled finish and their positions are kept. */
    async stop() {
      running = false;
      stopping.abort();
      await discovering;
      await Promise.allSettled(readers.values());
    },
  };
};
