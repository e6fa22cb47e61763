import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { migrate } from './migrations';

const IN_MEMORY = ':memory:';
/** Short enough not to stall the event loop, long enough to ride out a commit in progress. */
const BUSY_TIMEOUT_MS = 10;

/** Opens (creating if needed) the store's SQLite file with the settings Sellout relies on. */
export const openDatabase = (file: string): Database.Database => {
  if (file !== IN_MEMORY) mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  try {
    // First, so that even switching the journal mode and migrating wait for the other process
    // (the server and `npm run worker` share the file) instead of failing with SQLITE_BUSY.
    db.pragma('busy_timeout = 5000');
    // Readers and the one writer never block each other, so browsing goes on during a sale.
    db.pragma('journal_mode = WAL');
    // An acknowledged order (HTTP 201) must survive a power cut, so every commit is fsynced.
    // NORMAL saves about 0.3 ms per checkout (docs/decisions/0004): not worth a lost order.
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
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
