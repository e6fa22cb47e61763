import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { migrate } from './migrations';

const IN_MEMORY = ':memory:';

/** Opens (creating if needed) the store's SQLite file with the settings Sellout relies on. */
export const openDatabase = (file: string): Database.Database => {
  if (file !== IN_MEMORY) mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  try {
    // First, so that even switching the journal mode waits for the other process (the server
    // and `npm run worker` share the file) instead of failing with SQLITE_BUSY.
    db.pragma('busy_timeout = 5000');
    // Readers never block the single writer, so browsing stays fast while a sale checks out.
    db.pragma('journal_mode = WAL');
    // An acknowledged order (HTTP 201) must survive a power cut, so every commit is fsynced.
    // NORMAL saves about 0.3 ms per checkout (docs/decisions/0004): not worth a lost order.
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    migrate(db);
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
};
