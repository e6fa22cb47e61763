import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LiveEvent } from '@sellout/core/live/live-updates-port';
import { createFakeClock } from '@sellout/core/testing/fake-system';
import type { Database } from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from './open-database';
import { createSqliteLiveRelay } from './sqlite-live-relay';

const opened: Database[] = [];
afterEach(() => {
  for (const db of opened.splice(0)) db.close();
});

/** Two connections to one file, as the worker process and the server have. */
const twoProcesses = () => {
  const file = join(mkdtempSync(join(tmpdir(), 'sellout-relay-')), 'db');
  const clock = createFakeClock();
  const workerDb = openDatabase(file);
  const serverDb = openDatabase(file);
  opened.push(workerDb, serverDb);
  const errors: unknown[] = [];
  return {
    clock,
    worker: createSqliteLiveRelay(workerDb, clock, (e) => errors.push(e)),
    server: createSqliteLiveRelay(serverDb, clock, (e) => errors.push(e)),
    serverDb,
    errors,
  };
};

const rows = (db: Database) => db.prepare('SELECT COUNT(*) FROM live_events').pluck().get();

const until = async (check: () => boolean) => {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
  expect(check()).toBe(true);
};

describe('SQLite live relay', () => {
  it('keeps events while the database is locked and writes them once it is free', async () => {
    const { worker, serverDb, errors } = twoProcesses();
    serverDb.exec('BEGIN IMMEDIATE');
    worker.publisher.publish([{ type: 'stock', productId: 'p_1', stock: 3, version: 4 }]);
    await until(() => errors.length > 0);
    serverDb.exec('ROLLBACK');
    await until(() => rows(serverDb) === 1);
    expect(errors.every((e) => String(e).includes('busy') || String(e).includes('locked'))).toBe(
      true,
    );
  });

  it("hands the worker's events to the server's hub, in order, only those written after it started following", async () => {
    const { worker, server, errors, serverDb } = twoProcesses();
    worker.publisher.publish([
      { type: 'order', orderId: 'o_old', userId: 'u_1', status: 'PROCESSED' },
    ]);
    await until(() => rows(serverDb) === 1);
    const received: LiveEvent[] = [];
    const stop = server.follow({ publish: (events) => void received.push(...events) }, 10);
    const events: LiveEvent[] = [
      { type: 'stock', productId: 'p_1', stock: 4, version: 9 },
      { type: 'order', orderId: 'o_1', userId: 'u_1', status: 'CANCELLED' },
    ];
    worker.publisher.publish(events);
    await until(() => received.length === 2);
    stop();
    expect(received).toEqual(events);
    expect(errors).toEqual([]);
  });

  it('forgets events older than a minute', async () => {
    const { worker, server, clock, serverDb } = twoProcesses();
    worker.publisher.publish([{ type: 'stock', productId: 'p_1', stock: 1, version: 2 }]);
    await until(() => rows(serverDb) === 1);
    clock.advance(61_000);
    const stop = server.follow({ publish: () => {} }, 1);
    await until(() => rows(serverDb) === 0);
    stop();
  });
});
