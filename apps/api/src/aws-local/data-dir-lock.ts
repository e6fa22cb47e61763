import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PRIVATE_FILE_MODE } from '@sellout/adapter-local/files/private-files';

/** Every process on the machine with its command line (`ps`, on Linux and macOS alike). */
const processes = (): { pid: number; args: string }[] => {
  const listing = spawnSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' });
  if (listing.status !== 0) return [];
  return listing.stdout.split('\n').flatMap((line) => {
    const match = /^\s*(\d+)\s+(.*)$/.exec(line);
    return match ? [{ pid: Number(match[1]), args: match[2] ?? '' }] : [];
  });
};

const isRunning = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The argument every stand-in child carries, so a later start can tell ours from others'. */
export const standInMarker = (dataDir: string) => `--sellout-aws-local=${dataDir}`;

/** Whether `text` appears in a command line as a whole argument (not a prefix of a longer one). */
const hasArgument = (args: string, text: string) => ` ${args} `.includes(` ${text} `);

/** DynamoDB Local's Java for this DATA_DIR, or a Node stand-in of it. */
const isStandInOf = (args: string, dataDir: string) =>
  hasArgument(args, standInMarker(dataDir)) ||
  (args.includes('DynamoDBLocal.jar') && hasArgument(args, `-dbPath ${join(dataDir, 'dynamodb')}`));

export class DataDirInUseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DataDirInUseError';
  }
}

/**
 * Makes DATA_DIR this process's: refuses if another `start:aws-local` runs on it (its pid in
 * `aws-local/owner.pid` is alive and is one), and otherwise ends what a killed run left behind —
 * its DynamoDB Local (which would hold the tables' file) and its Node stand-ins — found by their
 * command lines, so a run that died before recording anything is cleaned up too. Returns how
 * many stale processes were ended, and `release` for a clean stop.
 */
export const takeOverDataDir = async (dataDir: string, stateDir: string) => {
  const ownerFile = join(stateDir, 'owner.pid');
  const previous = (() => {
    try {
      return Number(readFileSync(ownerFile, 'utf8').trim());
    } catch {
      return null;
    }
  })();
  const everyone = processes();
  const owner = everyone.find((p) => p.pid === previous && p.pid !== process.pid);
  if (owner?.args.includes('main-aws-local')) {
    throw new DataDirInUseError(
      `Another npm run start:aws-local (pid ${owner.pid}) is running on ${dataDir}; ` +
        'stop it first, or give this one another DATA_DIR.',
    );
  }
  const stale = everyone.filter((p) => p.pid !== process.pid && isStandInOf(p.args, dataDir));
  for (const { pid } of stale) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // Gone meanwhile.
    }
  }
  for (let waited = 0; waited < 5_000 && stale.some((p) => isRunning(p.pid)); waited += 50) {
    await pause(50);
  }
  writeFileSync(ownerFile, `${process.pid}\n`, { mode: PRIVATE_FILE_MODE });
  return {
    staleProcesses: stale.length,
    release() {
      rmSync(ownerFile, { force: true });
    },
  };
};
