import { randomUUID } from 'node:crypto';
import { chmodSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

/*
 * Everything the shop keeps on disk — the database, mail, invoices — holds shoppers' names,
 * addresses and orders: readable by the shop's user only, whatever the umask says.
 */
export const PRIVATE_FILE_MODE = 0o600;
export const PRIVATE_DIR_MODE = 0o700;

/** Sets `path` to exactly `mode`; a path that is gone, or not ours to change, is left alone. */
export const ensureMode = (path: string, mode: number) => {
  try {
    if ((statSync(path).mode & 0o777) !== mode) chmodSync(path, mode);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT' && code !== 'EPERM') throw error;
  }
};

/**
 * Creates `dir` (and missing parents) for the owner only, and narrows an existing one: mkdir's
 * mode goes through the umask, and a folder of an older version may be world-readable.
 */
export const makePrivateDir = (dir: string) => {
  mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  ensureMode(dir, PRIVATE_DIR_MODE);
};

const TEMPORARY = /^(\d+)\.[0-9a-f]+\.tmp$/;

/**
 * A fresh name in `tempDir` for a file being written: `<pid>.<random>.tmp`. Files are written
 * there and then linked or renamed into place, so readers of the real folders (mail/,
 * invoices/) never see a half-written file, nor the leftovers of a writer that was killed.
 */
export const temporaryPath = (tempDir: string) =>
  // randomUUID draws from a cache; randomBytes asks the system each time (about 20 µs here).
  join(tempDir, `${process.pid}.${randomUUID().replaceAll('-', '')}.tmp`);

const isRunning = (pid: number) => {
  if (pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists, it is just not ours to signal.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/**
 * Removes the temporary files left by writers that are gone (killed mid-write). Files of a
 * process still running — a server and `npm run worker` share DATA_DIR — are left alone; at
 * start, this process has nothing in flight, so its own pid's files are stale too.
 */
export const sweepStaleTemporaryFiles = (tempDir: string) => {
  let names: string[];
  try {
    names = readdirSync(tempDir);
  } catch {
    return 0;
  }
  let removed = 0;
  for (const name of names) {
    const pid = Number(TEMPORARY.exec(name)?.[1]);
    if (!pid || isRunning(pid)) continue;
    rmSync(join(tempDir, name), { force: true });
    removed += 1;
  }
  return removed;
};
