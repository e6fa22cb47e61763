import { join } from 'node:path';
import { startDynamoDbLocal } from '@sellout/adapter-aws/dynamodb/dynamodb-local';
import { makePrivateDir } from '@sellout/adapter-local/files/private-files';
import { standInMarker } from '../data-dir-lock';
import { startNodeStandIn } from './start-node-stand-in';

export type StandIns = {
  endpoints: { dynamodb: string; sqsAndS3: string; ses: string };
  pids: number[];
  /** Resolves with the name of the first stand-in that exits by itself (never after `stop`). */
  firstExit: Promise<string>;
  /** Stops every stand-in (SIGTERM, then SIGKILL) and waits until all are gone. */
  stop(): Promise<void>;
};

const script = (name: string) => join(import.meta.dirname, name);

/**
 * Starts the three stand-ins side by side, each on a free port and each a child of this
 * process (in its process group, so a kill of the group takes them all): DynamoDB Local (Java)
 * with its tables under DATA_DIR/dynamodb, fauxqs (SQS and S3, in memory) and
 * aws-ses-v2-local (SES, in memory). Resolves once each answers; if one fails, the others are
 * stopped and the error says which and why.
 */
export const startStandIns = async (options: {
  dataDir: string;
  region: string;
  readyWithinMs?: number;
}): Promise<StandIns> => {
  const dynamoDir = join(options.dataDir, 'dynamodb');
  makePrivateDir(dynamoDir);
  const env = { ...process.env, AWS_REGION: options.region };
  const marker = standInMarker(options.dataDir);
  const starting = [
    startDynamoDbLocal({ dataDir: dynamoDir, readyWithinMs: options.readyWithinMs ?? 120_000 }),
    startNodeStandIn({
      name: 'fauxqs (SQS, S3)',
      script: script('fauxqs-child.ts'),
      args: [marker],
      env,
      readyWithinMs: options.readyWithinMs ?? 60_000,
    }),
    startNodeStandIn({
      name: 'aws-ses-v2-local (SES)',
      script: script('ses-child.ts'),
      args: [marker],
      env,
      readyWithinMs: options.readyWithinMs ?? 60_000,
    }),
  ] as const;
  const [dynamodb, fauxqs, ses] = await Promise.allSettled(starting);
  let stopping = false;
  const stopAll = async () => {
    stopping = true;
    const started = [dynamodb, fauxqs, ses].flatMap((s) =>
      s.status === 'fulfilled' ? [s.value] : [],
    );
    await Promise.allSettled(started.map((s) => s.stop()));
  };
  if (dynamodb.status === 'rejected' || fauxqs.status === 'rejected' || ses.status === 'rejected') {
    await stopAll();
    throw [dynamodb, fauxqs, ses].find((s) => s.status === 'rejected')?.reason;
  }
  const java = dynamodb.value.pid;
  // If this process dies alone (kill -9 of its pid), the Node stand-ins end Java with them.
  for (const node of [fauxqs.value, ses.value]) node.alsoEndWithParent([java]);
  return {
    endpoints: {
      dynamodb: dynamodb.value.endpoint,
      sqsAndS3: fauxqs.value.endpoint,
      ses: ses.value.endpoint,
    },
    pids: [java, fauxqs.value.pid, ses.value.pid],
    firstExit: new Promise((resolve) => {
      const exits = [
        dynamodb.value.exited.then(() => 'DynamoDB Local'),
        fauxqs.value.exited.then(() => 'fauxqs'),
        ses.value.exited.then(() => 'aws-ses-v2-local'),
      ];
      for (const exit of exits) void exit.then((name) => stopping || resolve(name));
    }),
    stop: stopAll,
  };
};
