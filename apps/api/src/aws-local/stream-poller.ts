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
  /** Where a stream with no saved position starts (the mapping's StartingPosition). */
  startingPosition: 'LATEST' | 'TRIM_HORIZON';
  /** Records per invocation at most (BatchSize). */
  batchSize: number;
  /** How long records are gathered before an invocation (MaximumBatchingWindowInSeconds). */
  batchingWindowMs: number;
  /** Failed invocations of one batch retried before it is skipped (MaximumRetryAttempts). */
  retryAttempts: number;
  /** Halve the batch after a handler error, to corner a bad record (BisectBatchOnFunctionError). */
  bisectOnError: boolean;
  timeoutMs: number;
  /** Wait after an empty read of a shard (Lambda reads each shard four times a second). */
  idleMs?: number;
  /** How often the shard list is read again, to find the children of a split. */
  discoverEveryMs?: number;
};

/**
 * How many records, from the first, the handler got through: all, or those before the lowest
 * sequence number it reported failed (ReportBatchItemFailures: Lambda retries from there). A
 * reported identifier that is not in the batch fails the whole batch.
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
 * DescribeStream for the shards, one reader per shard (the children of a split only once
 * their parent is read to its end, so one key's changes stay in order), GetRecords gathered
 * into batches for up to the batching window, the handler invoked with real stream events,
 * and each shard's position kept in `positions` after every batch handled, so a restart goes
 * on where the last run stopped. A failed batch is retried from its first unhandled record
 * with backoff (halved after a handler error); after `retryAttempts` retries it is skipped and
 * logged — an order INSERT lost that way is what the sweeper is for.
 */
export const startStreamPoller = (options: StreamPollerOptions) => {
  const { client, positions, log } = options;
  const idleMs = options.idleMs ?? 250;
  const stopping = new AbortController();
  const readers = new Map<string, Promise<void>>();
  let running = true;
  // A stream that was never read starts at its StartingPosition; one read before resumes.
  const fresh = new Set(
    options.streamArns.filter((arn) => Object.keys(positions.of(arn)).length === 0),
  );

  const rest = (ms: number) => sleep(ms, undefined, { signal: stopping.signal }).catch(() => {});

  const invoke = async (streamArn: string, records: _Record[]) => {
    const event: DynamoDBStreamEvent = {
      Records: records.map((r) => streamRecordOf(r, streamArn, options.region)),
    };
    const context = lambdaContext(options.functionName, options.region, options.timeoutMs);
    try {
      const response = await options.handler(event, context, () => {});
      return { handled: handledCount(records, response ?? undefined), threw: false };
    } catch (error) {
      log.warn({ err: error, records: records.length }, 'the stream handler failed its batch');
      return { handled: 0, threw: true };
    }
  };

  const read = async (streamArn: string, shardId: string, startLatest: boolean) => {
    let iterator: string | undefined;
    let latest = startLatest;
    let ignorePosition = false;
    let failures = 0;
    let limit = options.batchSize;

    const newIterator = async () => {
      const after = ignorePosition ? undefined : positions.of(streamArn)[shardId];
      const type = after ? 'AFTER_SEQUENCE_NUMBER' : latest ? 'LATEST' : 'TRIM_HORIZON';
      // LATEST only once: asked again (after an error), it could skip what came meanwhile.
      latest = false;
      const { ShardIterator } = await client.send(
        new GetShardIteratorCommand({
          StreamArn: streamArn,
          ShardId: shardId,
          ShardIteratorType: type,
          ...(after && { SequenceNumber: after }),
        }),
      );
      return ShardIterator;
    };

    /** Records up to `limit`, gathered for at most the batching window; `closed` at a shard's end. */
    const gather = async () => {
      const records: _Record[] = [];
      let closed = false;
      let firstAt = 0;
      const windowEnds = () => Date.now() >= firstAt + options.batchingWindowMs;
      while (running && iterator) {
        const { Records = [], NextShardIterator } = await client.send(
          new GetRecordsCommand({ ShardIterator: iterator, Limit: limit - records.length }),
        );
        if (Records.length > 0 && records.length === 0) firstAt = Date.now();
        records.push(...Records);
        iterator = NextShardIterator;
        if (!NextShardIterator) {
          closed = true;
          break;
        }
        if (records.length >= limit || (records.length > 0 && windowEnds())) break;
        if (Records.length === 0 && records.length === 0) break;
        if (Records.length === 0) await rest(Math.min(idleMs, options.batchingWindowMs));
      }
      return { records, closed };
    };

    while (running) {
      try {
        iterator ??= await newIterator();
        if (!iterator) break;
        const { records, closed } = await gather();
        if (records.length > 0) {
          const { handled, threw } = await invoke(streamArn, records);
          let through = handled;
          if (handled === records.length) {
            failures = 0;
            limit = options.batchSize;
          } else if (++failures > options.retryAttempts) {
            log.error(
              { shardId, records: records.length - handled },
              `the stream handler failed these records ${failures} times; skipping them`,
            );
            through = records.length;
            failures = 0;
            limit = options.batchSize;
          } else if (threw && options.bisectOnError) {
            limit = Math.max(1, Math.ceil(records.length / 2));
          }
          const last = records[through - 1]?.dynamodb?.SequenceNumber;
          if (last) {
            positions.set(streamArn, shardId, last);
            ignorePosition = false;
          }
          if (through < records.length) {
            // Read again from the first record not handled, after a pause.
            iterator = undefined;
            await rest(Math.min(30_000, 500 * 2 ** (failures - 1)));
            continue;
          }
        }
        if (closed) {
          // Closed by a split and read to its end: its children may start.
          positions.set(streamArn, shardId, SHARD_CLOSED);
          void discover(streamArn);
          break;
        }
        if (records.length === 0) await rest(idleMs);
      } catch (error) {
        if (!running) break;
        iterator = undefined;
        if (error instanceof ResourceNotFoundException) {
          log.warn({ streamArn, shardId }, 'the stream or shard is gone; no longer reading it');
          break;
        }
        if (error instanceof TrimmedDataAccessException) {
          // What this shard's position points to is past the retention: read what is left.
          log.warn(
            { err: error, shardId },
            'records past the stream retention were trimmed; reading on',
          );
          ignorePosition = true;
        } else if (!(error instanceof ExpiredIteratorException)) {
          log.warn({ err: error, shardId }, 'could not read the stream; will retry');
          await rest(1_000);
        }
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
      const first = fresh.delete(streamArn);
      for (const { ShardId: id, ParentShardId: parent } of shards) {
        const key = `${streamArn} ${id}`;
        if (!id || done[id] === SHARD_CLOSED || readers.has(key)) continue;
        if (parent && known.has(parent) && done[parent] !== SHARD_CLOSED) continue;
        log.debug({ streamArn, shardId: id }, 'reading a stream shard');
        // Shards found later (the children of a split) are read from their start, as on AWS.
        readers.set(key, read(streamArn, id, first && options.startingPosition === 'LATEST'));
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
