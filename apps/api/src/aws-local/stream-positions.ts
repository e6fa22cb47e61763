import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { PRIVATE_FILE_MODE } from '@sellout/adapter-local/files/private-files';
import { z } from 'zod';

/** Per stream ARN, per shard: the last sequence number handled, or `closed` once read to its end. */
const positionsSchema = z.record(z.string(), z.record(z.string(), z.string()));
type Positions = z.infer<typeof positionsSchema>;

export const SHARD_CLOSED = 'closed';

/**
 * Where the DynamoDB Streams poller is in each shard, kept in a file so a restart resumes after
 * the last record handled (as Lambda's event source mapping keeps its place): order INSERTs a
 * killed run did not relay yet are relayed by the next. Written whole to a temporary file and
 * renamed over the old one, so a kill mid-write leaves the previous positions, which only
 * replays a batch (the handlers are idempotent).
 */
export const openStreamPositions = (file: string) => {
  let positions: Positions = (() => {
    try {
      return positionsSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
    } catch {
      return {};
    }
  })();
  const save = () => {
    const temporary = `${file}.${process.pid}.tmp`;
    writeFileSync(temporary, JSON.stringify(positions), { mode: PRIVATE_FILE_MODE });
    renameSync(temporary, file);
  };
  return {
    of: (streamArn: string): Readonly<Record<string, string>> => positions[streamArn] ?? {},
    set(streamArn: string, shardId: string, position: string) {
      positions = { ...positions, [streamArn]: { ...positions[streamArn], [shardId]: position } };
      save();
    },
    /** Keeps only these streams: a table created anew has a new stream, and the old one is gone. */
    keepOnly(streamArns: readonly string[]) {
      positions = Object.fromEntries(
        Object.entries(positions).filter(([arn]) => streamArns.includes(arn)),
      );
      save();
    },
  };
};

export type StreamPositions = ReturnType<typeof openStreamPositions>;
