import { chmodSync, mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from './open-database';

const modeOf = (path: string) => (statSync(path).mode & 0o777).toString(8);

describe('the SQLite file', () => {
  it('and its -wal and -shm are the owner’s only, whatever the umask', () => {
    const previous = process.umask(0);
    try {
      const file = join(mkdtempSync(join(tmpdir(), 'sellout-db-')), 'sellout.db');
      const db = openDatabase(file);
      db.exec('CREATE TABLE probe (x); INSERT INTO probe VALUES (1)');
      for (const path of [file, `${file}-wal`, `${file}-shm`])
        expect(modeOf(path), path).toBe('600');
      db.close();
    } finally {
      process.umask(previous);
    }
  });

  it('of an older install, readable by all, is narrowed when opened', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'sellout-db-')), 'sellout.db');
    openDatabase(file).close();
    chmodSync(file, 0o644);
    const db = openDatabase(file);
    expect(modeOf(file)).toBe('600');
    db.close();
  });
});
