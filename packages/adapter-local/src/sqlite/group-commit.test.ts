import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PlaceOrderCommand } from '@sellout/core/orders/orders-port';
import { StoreUnavailableError } from '@sellout/core/shared/store-unavailable-error';
import { anOrder, aProduct } from '@sellout/core/testing/builders';
import { createFakeClock } from '@sellout/core/testing/fake-system';
import { CONTRACT_STORE_OPTIONS } from '@sellout/core/testing/store-factory';
import type { Database } from 'better-sqlite3';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { createGroupCommit } from './group-commit';
import { openDatabase } from './open-database';
import { BUSY_DEADLINE_MS } from './retry-while-busy';
import { createSqliteStore } from './sqlite-store';
import type { Durability } from './wal-sync';

const root = mkdtempSync(join(tmpdir(), 'sellout-group-'));
let files = 0;
const freshFile = () => join(root, `store-${++files}`, 'sellout.db');
afterAll(() => rmSync(root, { recursive: true, force: true }));

const opened: { close(): void }[] = [];
afterEach(() => {
  for (const handle of opened.splice(0)) handle.close();
});

/** A store whose group commits are counted: each entry is the number of writes of one commit. */
const openStore = (file = freshFile()) => {
  const groups: number[] = [];
  const store = createSqliteStore({
    file,
    clock: createFakeClock(),
    guestDataTtlMs: CONTRACT_STORE_OPTIONS.guestDataTtlMs,
    onGroupCommit: (writes) => groups.push(writes),
  });
  opened.push(store);
  return { store, groups, file };
};

/** Another process's connection to the same file. */
const otherProcess = (file: string) => {
  const db = openDatabase(file);
  opened.push(db);
  return db;
};

const buying = (
  productId: string,
  userId: string,
  extra: Partial<PlaceOrderCommand> = {},
): PlaceOrderCommand => ({
  order: anOrder(userId, [{ productId, quantity: 1 }]),
  idempotency: null,
  clearPurchasedFromCart: false,
  customerLimits: [],
  purchases: [],
  ...extra,
});

const count = (db: Database, table: string) =>
  db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;

describe('group commit', () => {
  it('commits the writes of one turn together, and answers each only after the commit', async () => {
    const db = openDatabase(freshFile());
    opened.push(db);
    db.exec('CREATE TABLE notes (text TEXT NOT NULL)');
    const insert = db.prepare('INSERT INTO notes (text) VALUES (?)');
    const events: string[] = [];
    const commits = createGroupCommit(db, { onCommit: (calls) => events.push(`commit ${calls}`) });
    const writes = ['a', 'b', 'c'].map((text) =>
      commits.run(() => insert.run(text)).then(() => events.push(`answered ${text}`)),
    );
    await Promise.all(writes);
    expect(events).toEqual(['commit 3', 'answered a', 'answered b', 'answered c']);
    expect(count(db, 'notes')).toBe(3);
  });

  it('undoes only the statements of the call that failed', async () => {
    const db = openDatabase(freshFile());
    opened.push(db);
    db.exec('CREATE TABLE notes (text TEXT NOT NULL)');
    const insert = db.prepare('INSERT INTO notes (text) VALUES (?)');
    const commits = createGroupCommit(db);
    const outcomes = await Promise.allSettled([
      commits.run(() => insert.run('kept before')),
      commits.run(() => {
        insert.run('undone');
        throw new Error('refused');
      }),
      commits.run(() => insert.run('kept after')),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(db.prepare('SELECT text FROM notes ORDER BY rowid').pluck().all()).toEqual([
      'kept before',
      'kept after',
    ]);
  });

  it('runs a call asking to be last after the others of its group', async () => {
    const db = openDatabase(freshFile());
    opened.push(db);
    db.exec('CREATE TABLE notes (text TEXT NOT NULL)');
    const insert = db.prepare('INSERT INTO notes (text) VALUES (?)');
    const notes = db.prepare('SELECT count(*) FROM notes').pluck();
    const commits = createGroupCommit(db);
    const first = commits.run(() => insert.run('one'));
    const seen = commits.run(() => notes.get(), { last: true });
    const later = commits.run(() => insert.run('two'));
    await Promise.all([first, later]);
    expect(await seen).toBe(2);
  });

  it('commits the others of a group in which one buyer is out of stock', async () => {
    const { store, groups } = openStore();
    const product = aProduct({ stock: 2 });
    await store.catalog.create(product);
    groups.length = 0;
    const outcomes = await Promise.all(
      ['u_1', 'u_2', 'u_3'].map((userId) => store.orders.place(buying(product.id, userId))),
    );
    expect(groups).toEqual([3]);
    expect(outcomes.map((o) => o.kind)).toEqual(['placed', 'placed', 'out-of-stock']);
    expect(outcomes[2]).toEqual({
      kind: 'out-of-stock',
      lines: [{ productId: product.id, requested: 1, available: 0 }],
    });
    expect(await store.catalog.get(product.id)).toMatchObject({ stock: 0 });
    for (const outcome of outcomes.slice(0, 2)) {
      if (outcome.kind !== 'placed') throw new Error(outcome.kind);
      expect(await store.orders.get(outcome.order.id)).toEqual(outcome.order);
    }
    expect(await store.outbox.claimDue(10, 30_000)).toHaveLength(2);
  });

  it('gives one order for 20 parallel requests with one key inside one group', async () => {
    const { store, groups, file } = openStore();
    const product = aProduct({ stock: 100 });
    await store.catalog.create(product);
    groups.length = 0;
    const idempotency = { key: 'one-key', requestHash: 'same-request' };
    const outcomes = await Promise.all(
      Array.from({ length: 20 }, () =>
        store.orders.place(buying(product.id, 'u_1', { idempotency })),
      ),
    );
    expect(groups).toEqual([20]);
    expect(outcomes.filter((o) => o.kind === 'placed')).toHaveLength(1);
    expect(outcomes.filter((o) => o.kind === 'replayed')).toHaveLength(19);
    const ids = new Set(outcomes.map((o) => ('order' in o ? o.order.id : o.kind)));
    expect(ids.size).toBe(1);
    expect(await store.catalog.get(product.id)).toMatchObject({ stock: 99 });
    const db = otherProcess(file);
    expect(count(db, 'orders')).toBe(1);
    expect(count(db, 'outbox')).toBe(1);
  });

  it('lets the worker claim, in the same commit, the orders placed with it', async () => {
    const { store, groups } = openStore();
    const product = aProduct({ stock: 10 });
    await store.catalog.create(product);
    groups.length = 0;
    const first = buying(product.id, 'u_1');
    const placing = store.orders.place(first);
    const claiming = store.outbox.claimDue(10, 30_000, { withQueuedWrites: true });
    // Queued after the claim, in the same turn: the claim still sees it, as it runs last.
    const second = buying(product.id, 'u_2');
    const alsoPlacing = store.orders.place(second);
    await Promise.all([placing, alsoPlacing]);
    const claimed = await claiming;
    expect(groups).toEqual([3]);
    expect(claimed.map((message) => message.orderId).sort()).toEqual(
      [first.order.id, second.order.id].sort(),
    );
    expect(await store.outbox.claimDue(10, 30_000)).toEqual([]);
  });

  it('waits as one group while another process holds the lock, and takes in calls arriving meanwhile', async () => {
    const { store, groups, file } = openStore();
    const product = aProduct({ stock: 10 });
    await store.catalog.create(product);
    groups.length = 0;
    const other = otherProcess(file);
    other.exec('BEGIN IMMEDIATE');
    const early = [
      store.orders.place(buying(product.id, 'u_1')),
      store.carts.addItem('u_1', product.id, 1),
    ];
    await new Promise((resolve) => setTimeout(resolve, 30));
    const late = store.orders.place(buying(product.id, 'u_2'));
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(groups).toEqual([]);
    other.exec('ROLLBACK');
    const outcomes = await Promise.all([...early, late]);
    expect(groups).toEqual([3]);
    expect(outcomes.map((o) => o.kind)).toEqual(['placed', 'changed', 'placed']);
  });

  it('answers "unavailable" for every call still waiting when the lock is held past the deadline', async () => {
    const { store, groups, file } = openStore();
    const product = aProduct({ stock: 10 });
    await store.catalog.create(product);
    groups.length = 0;
    const other = otherProcess(file);
    other.exec('BEGIN IMMEDIATE');
    vi.useFakeTimers({ toFake: ['setTimeout', 'Date'] });
    try {
      const waiting = [
        store.orders.place(buying(product.id, 'u_1')),
        store.orders.place(buying(product.id, 'u_2')),
      ];
      const refused = Promise.all(
        waiting.map((call) => expect(call).rejects.toBeInstanceOf(StoreUnavailableError)),
      );
      await vi.advanceTimersByTimeAsync(BUSY_DEADLINE_MS + 1_000);
      await refused;
    } finally {
      vi.useRealTimers();
      other.exec('ROLLBACK');
    }
    expect(groups).toEqual([]);
    expect(await store.catalog.get(product.id)).toMatchObject({ stock: 10 });
    // The lock is free again: the next write goes through.
    expect(await store.orders.place(buying(product.id, 'u_3'))).toMatchObject({ kind: 'placed' });
  });
});

const turn = () => new Promise((resolve) => setImmediate(resolve));

/** A durability whose fdatasyncs finish when the test says so. */
const heldSyncs = () => {
  const running: { finish(): void; fail(error: Error): void }[] = [];
  let synced = 0;
  const durability: Durability = {
    later: () =>
      new Promise<void>((resolve, reject) =>
        running.push({
          finish: () => {
            synced++;
            resolve();
          },
          fail: reject,
        }),
      ),
    now: () => {
      synced++;
    },
    close() {},
  };
  return { durability, running, synced: () => synced };
};

describe('group commit with its fdatasync off the event loop', () => {
  /** A table of notes written through a group commit whose fdatasyncs the test finishes. */
  const heldNotes = (onCommit?: (calls: number) => void) => {
    const db = openDatabase(freshFile());
    opened.push(db);
    db.exec('CREATE TABLE notes (text TEXT NOT NULL)');
    const insert = db.prepare('INSERT INTO notes (text) VALUES (?)');
    const syncs = heldSyncs();
    const commits = createGroupCommit(db, { durability: syncs.durability, onCommit });
    const write = (text: string) => commits.run(() => insert.run(text));
    return { db, syncs, commits, write };
  };

  it('answers a group only once an fdatasync started after its commit has finished', async () => {
    const events: string[] = [];
    const { syncs, write } = heldNotes((calls) => events.push(`commit ${calls}`));
    const writes = ['a', 'b'].map((text) =>
      write(text).then(() => events.push(`answered ${text}`)),
    );
    await turn();
    await turn();
    expect(events).toEqual(['commit 2']);
    expect(syncs.running).toHaveLength(1);
    syncs.running[0]!.finish();
    await Promise.all(writes);
    expect(events).toEqual(['commit 2', 'answered a', 'answered b']);
  });

  it('gathers the calls arriving during an fdatasync into one group that commits after it', async () => {
    const groups: number[] = [];
    const { db, syncs, write } = heldNotes((calls) => groups.push(calls));
    const first = write('first');
    await turn();
    const second = write('second');
    await turn();
    const third = write('third');
    await turn();
    // One commit and its fdatasync running; the calls since then wait, uncommitted, as a group.
    expect(groups).toEqual([1]);
    expect(count(db, 'notes')).toBe(1);
    let laterAnswered = false;
    void Promise.all([second, third]).then(() => (laterAnswered = true));
    syncs.running[0]!.finish();
    await first;
    await turn();
    expect(groups).toEqual([1, 2]);
    expect(laterAnswered).toBe(false);
    expect(syncs.running).toHaveLength(2);
    syncs.running[1]!.finish();
    await Promise.all([second, third]);
    expect(syncs.synced()).toBe(2);
  });

  it('answers "unavailable" for the group whose fdatasync failed, and for every write after it', async () => {
    const { db, syncs, commits, write } = heldNotes();
    const lost = write('maybe lost');
    const refused = expect(lost).rejects.toBeInstanceOf(StoreUnavailableError);
    await turn();
    syncs.running[0]!.fail(new Error('EIO'));
    await refused;
    await expect(write('later')).rejects.toBeInstanceOf(StoreUnavailableError);
    await expect(commits.durable()).rejects.toBeInstanceOf(StoreUnavailableError);
    // The later write was refused before its statements ran.
    expect(db.prepare('SELECT text FROM notes').pluck().all()).toEqual(['maybe lost']);
  });

  it('tells when what was committed so far is durable', async () => {
    const { syncs, commits, write } = heldNotes();
    await commits.durable();
    const written = write('a');
    await turn();
    let durable = false;
    const waiting = commits.durable().then(() => (durable = true));
    await turn();
    expect(durable).toBe(false);
    syncs.running[0]!.finish();
    await written;
    // The commit may have landed after the running fdatasync began: durable waits for the next.
    await turn();
    syncs.running[1]!.finish();
    await waiting;
    expect(durable).toBe(true);
  });

  it('commits and syncs at once when flushed before closing', async () => {
    const { db, syncs, commits, write } = heldNotes();
    const written = write('last words');
    commits.flushNow();
    await written;
    expect(syncs.synced()).toBe(1);
    expect(syncs.running).toHaveLength(0);
    expect(count(db, 'notes')).toBe(1);
  });

  it('tells how long writes have waited for their fdatasync', async () => {
    const { syncs, commits, write } = heldNotes();
    expect(commits.syncingMs()).toBe(0);
    const written = write('a');
    await turn();
    await new Promise((resolve) => setTimeout(resolve, 30));
    const running = commits.syncingMs();
    expect(running).toBeGreaterThanOrEqual(25);
    syncs.running[0]!.finish();
    await written;
    const done = commits.syncingMs();
    await new Promise((resolve) => setTimeout(resolve, 10));
    // Nothing runs now: the figure holds still.
    expect(commits.syncingMs()).toBe(done);
    expect(done).toBeGreaterThanOrEqual(running);
  });
});
