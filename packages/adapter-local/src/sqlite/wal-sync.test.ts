import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from './open-database';
import { walDurability } from './wal-sync';

const root = mkdtempSync(join(tmpdir(), 'sellout-wal-sync-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('the write-ahead log fdatasync', () => {
  it('syncs the WAL of an open database, off the event loop and at once', async () => {
    const file = join(root, 'open.db');
    const db = openDatabase(file);
    db.exec('CREATE TABLE notes (text TEXT NOT NULL)');
    db.prepare('INSERT INTO notes (text) VALUES (?)').run('a');
    const durability = walDurability(file);
    await expect(durability.later()).resolves.toBeUndefined();
    expect(() => durability.now()).not.toThrow();
    // Closing while one runs in the thread pool: that one still finishes.
    const running = durability.later();
    durability.close();
    await expect(running).resolves.toBeUndefined();
    db.close();
  });

  it('fails when there is no log to sync, so nothing is taken for durable', async () => {
    const durability = walDurability(join(root, 'never-opened.db'));
    await expect(durability.later()).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
