import { closeSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { ensureMode, PRIVATE_DIR_MODE, PRIVATE_FILE_MODE } from '../files/private-files';
import { migrate } from './migrations';

export const IN_MEMORY = ':memory:';
/** Short enough not to stall the event loop, long enough to ride out a commit in progress. */
const BUSY_TIMEOUT_MS = 10;

/** Opens (creating if needed) the store's SQLite file with the settings Sellout relies on. */
export const openDatabase = (file: string): Database.Database => {
  if (file !== IN_MEMORY) createPrivately(file);
  const db = new Database(file);
  try {
    // First, so that even switching the journal mode and migrating wait for the other process
    // (the server and `npm run worker` share the file) instead of failing with SQLITE_BUSY.
    db.pragma('busy_timeout = 5000');
    // Readers and the one writer never block each other, so browsing goes on during a sale.
    db.pragma('journal_mode = WAL');
    // An acknowledged order (HTTP 201) must survive a power cut, so every commit is fsynced.
    // NORMAL saves about 0.3 ms per checkout (docs/decisions/0004): not worth a lost order.
    // The store's connection does its own fsync, off the event loop, and switches this to
    // NORMAL once it does (sqlite-store.ts, docs/decisions/0081).
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    // Savepoints (one per call of a group commit) and statement journals are rollback data for
    // a transaction still open; a crash discards that transaction anyway, so they need not
    // touch the disk. In temporary files they made every write of a checkout about 8× slower.
    db.pragma('temp_store = MEMORY');
    migrate(db);
    // From here on a lock held elsewhere is waited out by retryWhileBusy, off the event loop:
    // SQLite's busy handler sleeps in this thread and would freeze every request meanwhile.
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
};

/**
 * The file holds every order and address, so it is the owner's only (0600). SQLite creates its
 * -wal and -shm files with the database file's own mode, so creating the file ourselves, before
 * SQLite does with its default 0644, makes all three private; an older, looser file is narrowed.
 */
const createPrivately = (file: string) => {
  mkdirSync(dirname(file), { recursive: true, mode: PRIVATE_DIR_MODE });
  // 'a' creates the file if it is missing and leaves an existing one as it is.
  closeSync(openSync(file, 'a', PRIVATE_FILE_MODE));
  for (const path of [file, `${file}-wal`, `${file}-shm`]) ensureMode(path, PRIVATE_FILE_MODE);
};
