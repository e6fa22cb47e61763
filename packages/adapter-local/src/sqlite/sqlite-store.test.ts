import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ORDER_NUMBER } from '@sellout/core/orders/order';
import { StoreUnavailableError } from '@sellout/core/shared/store-unavailable-error';
import { anOrder, aProduct } from '@sellout/core/testing/builders';
import { describeCartsContract } from '@sellout/core/testing/carts.contract';
import { describeCatalogContract } from '@sellout/core/testing/catalog.contract';
import { createFakeClock } from '@sellout/core/testing/fake-system';
import { describeInteractionsContract } from '@sellout/core/testing/interactions.contract';
import { describeOrdersContract } from '@sellout/core/testing/orders.contract';
import { CONTRACT_STORE_OPTIONS, type StoreFactory } from '@sellout/core/testing/store-factory';
import Database from 'better-sqlite3';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { describeOutboxContract } from '../outbox/outbox.contract';
import { migrations } from './migrations';
import { openDatabase } from './open-database';
import { BUSY_DEADLINE_MS } from './retry-while-busy';
import { createSqliteStore } from './sqlite-store';

const root = mkdtempSync(join(tmpdir(), 'sellout-sqlite-'));
let files = 0;
/** A path for a store file nobody has used yet. */
const freshFile = () => join(root, `store-${++files}`, 'sellout.db');
afterAll(() => rmSync(root, { recursive: true, force: true }));

const makeStores: StoreFactory = async (clock, options) =>
  createSqliteStore({ file: freshFile(), clock, ...options });

describeCatalogContract('sqlite', makeStores);
describeCartsContract('sqlite', makeStores);
describeOrdersContract('sqlite', makeStores);
describeOutboxContract('sqlite', async (clock) =>
  createSqliteStore({ file: freshFile(), clock, ...CONTRACT_STORE_OPTIONS }),
);
describeInteractionsContract('sqlite', makeStores);

describe('SQLite store', () => {
  let opened: { close(): void }[] = [];
  const open = (file: string, clock = createFakeClock()) => {
    const store = createSqliteStore({ file, clock, ...CONTRACT_STORE_OPTIONS });
    opened.push(store);
    return store;
  };
  /** A second connection, opened the way the store opens its own, to look underneath it. */
  const inspect = (file: string) => {
    const db = openDatabase(file);
    opened.push(db);
    return db;
  };
  afterEach(() => {
    for (const store of opened) store.close();
    opened = [];
  });

  it('runs in WAL mode with fsync on every commit and foreign keys on', () => {
    const db = inspect(freshFile());
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    // 2 = FULL, for any connection opened this way; the store's own (below) fsyncs itself.
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    // Waits for locks are retried off the event loop (retry-while-busy.ts), not slept in SQLite.
    expect(db.pragma('busy_timeout', { simple: true })).toBe(10);
  });

  it('applies every migration once, and re-opening applies none again', () => {
    const file = freshFile();
    open(file).close();
    const again = inspect(file);
    expect(again.pragma('user_version', { simple: true })).toBe(migrations.length);
    const tables = again
      .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")
      .pluck()
      .all();
    expect(tables).toEqual([
      'cart_lines',
      'carts',
      'idempotency_keys',
      'live_events',
      'orders',
      'outbox',
      'products',
      'sqlite_sequence',
      'user_interests',
    ]);
  });

  it('gives orders of an older schema a number, their stuck mark and who cancelled them', async () => {
    const file = freshFile();
    mkdirSync(dirname(file), { recursive: true });
    const old = new Database(file);
    for (const migration of migrations.slice(0, 3)) old.exec(migration.sql);
    old.pragma('user_version = 3');
    const insert = old.prepare(
      `INSERT INTO orders (id, user_id, status, lines, total_cents, currency, email, shipping,
         payment_token, created_at) VALUES (?, 'u_1', ?, '[]', 0, 'USD', ' Ana@Example.com',
         '{}', 'tok_visa', '2026-01-01T00:00:00.000Z')`,
    );
    insert.run('o_stuck', 'PENDING');
    insert.run('o_declined', 'CANCELLED');
    old
      .prepare('INSERT INTO outbox (order_id, available_at, dead_lettered_at) VALUES (?, 0, ?)')
      .run('o_stuck', Date.parse('2026-01-02T03:04:05.678Z'));
    old.close();

    const { orders } = open(file);
    const stuck = await orders.get('o_stuck');
    const declined = await orders.get('o_declined');
    expect(stuck).toMatchObject({ stuckAt: '2026-01-02T03:04:05.678Z', cancelledBy: null });
    expect(declined).toMatchObject({ stuckAt: null, cancelledBy: 'payment' });
    expect(stuck?.number).toMatch(ORDER_NUMBER);
    expect(declined?.number).toMatch(ORDER_NUMBER);
    expect(stuck?.number).not.toBe(declined?.number);
  });

  it('keeps the carts of an older schema, their time to live counted from the upgrade', async () => {
    const file = freshFile();
    mkdirSync(dirname(file), { recursive: true });
    const old = new Database(file);
    for (const migration of migrations.slice(0, 4)) old.exec(migration.sql);
    old.pragma('user_version = 4');
    old
      .prepare(
        'INSERT INTO cart_lines (user_id, product_id, quantity, position) VALUES (?, ?, ?, ?)',
      )
      .run('u_old', 'p_a', 2, 1);
    old.close();

    const clock = createFakeClock(new Date().toISOString());
    const { carts } = open(file, clock);
    expect(await carts.get('u_old')).toEqual([{ productId: 'p_a', quantity: 2 }]);
    clock.advance(CONTRACT_STORE_OPTIONS.guestDataTtlMs + 60_000);
    expect(await carts.get('u_old')).toEqual([]);
  });

  it('deletes the rows of idle carts and scores, and of emptied carts at once', async () => {
    const file = freshFile();
    const clock = createFakeClock();
    const { carts, interactions } = open(file, clock);
    const db = inspect(file);
    const count = (table: string) => db.prepare(`SELECT count(*) FROM ${table}`).pluck().get();
    const at = () => clock.now().toISOString();
    await carts.addItem('u_idle', 'p_a', 1);
    await carts.addItem('u_idle', 'p_b', 1);
    await carts.addItem('u_emptied', 'p_a', 1);
    await carts.removeItem('u_emptied', 'p_a');
    await interactions.record([
      {
        userId: 'u_idle',
        productId: 'p_a',
        category: 'audio',
        eventType: 'product-view',
        at: at(),
      },
      { userId: 'u_idle', productId: 'p_b', category: 'home', eventType: 'product-view', at: at() },
    ]);
    expect([count('carts'), count('cart_lines'), count('user_interests')]).toEqual([1, 2, 2]);
    clock.advance(CONTRACT_STORE_OPTIONS.guestDataTtlMs);
    await carts.addItem('u_fresh', 'p_a', 1);
    expect(await carts.removeIdle({ limit: 100 })).toBe(1);
    expect(await interactions.removeIdle({ limit: 100 })).toBe(2);
    expect([count('carts'), count('cart_lines'), count('user_interests')]).toEqual([1, 1, 0]);
  });

  it('refuses a file whose schema is newer than this code', () => {
    const file = freshFile();
    open(file).close();
    const db = openDatabase(file);
    db.pragma(`user_version = ${migrations.length + 1}`);
    db.close();
    expect(() => openDatabase(file)).toThrow(/newer than this code/);
  });

  it('keeps products, carts, orders and undelivered messages across close and re-open', async () => {
    const file = freshFile();
    const before = open(file);
    const product = aProduct({ stock: 5 });
    await before.catalog.create(product);
    await before.carts.addItem('u_1', product.id, 2);
    const order = anOrder('u_1', [{ productId: product.id, quantity: 2 }]);
    await before.orders.place({
      order,
      idempotency: { key: 'k', requestHash: 'h' },
      clearPurchasedFromCart: false,
      customerLimits: [],
      purchases: [],
    });
    before.close();

    const after = open(file);
    expect(await after.catalog.get(product.id)).toMatchObject({ stock: 3, version: 2 });
    expect(await after.carts.get('u_1')).toEqual([{ productId: product.id, quantity: 2 }]);
    expect(await after.orders.get(order.id)).toEqual(order);
    expect(await after.orders.findByIdempotencyKey('u_1', 'k')).toEqual({
      order,
      requestHash: 'h',
    });
    expect(await after.outbox.claimDue(10, 30_000)).toMatchObject([
      { orderId: order.id, attempt: 1 },
    ]);
  });

  it('keeps an optional address line only when there is one', async () => {
    const { catalog, orders } = open(freshFile());
    const product = aProduct();
    await catalog.create(product);
    const order = anOrder('u_1', [{ productId: product.id, quantity: 1 }], {
      shipping: { ...anOrder('u_1', []).shipping, line2: 'Flat 2' },
    });
    await orders.place({
      order,
      idempotency: null,
      clearPurchasedFromCart: false,
      customerLimits: [],
      purchases: [],
    });
    expect((await orders.get(order.id))?.shipping.line2).toBe('Flat 2');
  });

  it('works in memory, for throwaway stores', async () => {
    const store = open(':memory:');
    const product = aProduct();
    expect(await store.catalog.create(product)).toEqual({ kind: 'created' });
    expect(await store.catalog.get(product.id)).toEqual(product);
  });

  it('rejects negative stock in the schema itself, whatever the query', async () => {
    const file = freshFile();
    const { catalog } = open(file);
    const db = inspect(file);
    const product = aProduct({ stock: 1 });
    await catalog.create(product);
    expect(() =>
      db.prepare('UPDATE products SET stock = stock - 2 WHERE id = ?').run(product.id),
    ).toThrow(/CHECK constraint failed/);
    expect(await catalog.get(product.id)).toMatchObject({ stock: 1 });
  });

  it('waits out a lock held by another process without freezing the event loop', async () => {
    const file = freshFile();
    const store = open(file);
    const product = aProduct({ stock: 10 });
    await store.catalog.create(product);
    const otherProcess = openDatabase(file);
    otherProcess.exec('BEGIN IMMEDIATE');
    const order = anOrder('u_1', [{ productId: product.id, quantity: 1 }]);
    const placing = store.orders.place({
      order,
      idempotency: null,
      clearPurchasedFromCart: false,
      customerLimits: [],
      purchases: [],
    });
    // This timer can only fire while `place` waits if the wait does not block the thread.
    let timerFired = false;
    await new Promise<void>((resolve) =>
      setTimeout(() => {
        timerFired = true;
        otherProcess.exec('ROLLBACK');
        resolve();
      }, 50),
    );
    expect(await placing).toMatchObject({ kind: 'placed' });
    expect(timerFired).toBe(true);
    otherProcess.close();
  });

  it('answers "unavailable" when the lock is held past the deadline, and still reads', async () => {
    const file = freshFile();
    const store = open(file);
    const product = aProduct({ stock: 10 });
    await store.catalog.create(product);
    const otherProcess = openDatabase(file);
    otherProcess.exec('BEGIN IMMEDIATE');
    vi.useFakeTimers({ toFake: ['setTimeout', 'Date'] });
    try {
      const order = anOrder('u_1', [{ productId: product.id, quantity: 1 }]);
      const placing = store.orders.place({
        order,
        idempotency: null,
        clearPurchasedFromCart: false,
        customerLimits: [],
        purchases: [],
      });
      const adding = store.carts.addItem('u_1', product.id, 1);
      const refused = Promise.all([
        expect(placing).rejects.toBeInstanceOf(StoreUnavailableError),
        expect(adding).rejects.toBeInstanceOf(StoreUnavailableError),
      ]);
      await vi.advanceTimersByTimeAsync(BUSY_DEADLINE_MS + 1_000);
      await refused;
      // WAL: a writer elsewhere never blocks browsing.
      expect(await store.catalog.get(product.id)).toMatchObject({ stock: 10 });
    } finally {
      vi.useRealTimers();
      otherProcess.exec('ROLLBACK');
      otherProcess.close();
    }
  });

  it('re-delivers a message whose worker process died, once its claim has expired', async () => {
    const file = freshFile();
    const clock = createFakeClock();
    const server = open(file, clock);
    const product = aProduct();
    await server.catalog.create(product);
    const order = anOrder('u_1', [{ productId: product.id, quantity: 1 }]);
    await server.orders.place({
      order,
      idempotency: null,
      clearPurchasedFromCart: false,
      customerLimits: [],
      purchases: [],
    });

    const doomedWorker = open(file, clock);
    expect(await doomedWorker.outbox.claimDue(10, 30_000)).toHaveLength(1);
    doomedWorker.close();

    const nextWorker = open(file, clock);
    expect(await nextWorker.outbox.claimDue(10, 30_000)).toEqual([]);
    clock.advance(30_000);
    expect(await nextWorker.outbox.claimDue(10, 30_000)).toMatchObject([
      { orderId: order.id, attempt: 2 },
    ]);
  });

  it('sees stock sold through another connection at once: no stale reads between processes', async () => {
    const file = freshFile();
    const server = open(file);
    const worker = open(file);
    const product = aProduct({ stock: 1 });
    await server.catalog.create(product);
    const first = anOrder('u_1', [{ productId: product.id, quantity: 1 }]);
    const second = anOrder('u_2', [{ productId: product.id, quantity: 1 }]);
    expect(
      await worker.orders.place({
        order: first,
        idempotency: null,
        clearPurchasedFromCart: false,
        customerLimits: [],
        purchases: [],
      }),
    ).toMatchObject({ kind: 'placed' });
    expect(
      await server.orders.place({
        order: second,
        idempotency: null,
        clearPurchasedFromCart: false,
        customerLimits: [],
        purchases: [],
      }),
    ).toMatchObject({ kind: 'out-of-stock' });
  });
});

type BuyerReport = { placed: { orderId: string; quantity: number }[]; refused: number };

const fixture = fileURLToPath(new URL('./checkout-race.fixture.ts', import.meta.url));

/** A separate Node process buying from the same file, like `npm start` next to `npm run worker`. */
const startBuyer = (file: string, productId: string, attempts: number, buyer: string) => {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', fixture, file, productId, String(attempts), buyer],
    { stdio: ['pipe', 'pipe', 'pipe'] },
  );
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  const ready = new Promise<void>((resolve, reject) => {
    const check = () => (stdout.includes('ready\n') ? resolve() : undefined);
    child.stdout.on('data', check);
    child.once('exit', () => reject(new Error(`buyer ${buyer} exited before ready: ${stderr}`)));
  });
  const report = new Promise<BuyerReport>((resolve, reject) => {
    child.once('exit', (code) => {
      if (code !== 0) return reject(new Error(`buyer ${buyer} failed (${code}): ${stderr}`));
      const last = stdout.trim().split('\n').at(-1) ?? '';
      resolve(JSON.parse(last) as BuyerReport);
    });
  });
  return { ready, go: () => child.stdin.write('go\n'), report };
};

describe('SQLite store shared by two processes', () => {
  it('never oversells when two processes race for the last units', async () => {
    const file = freshFile();
    const setup = createSqliteStore({ file, clock: createFakeClock(), ...CONTRACT_STORE_OPTIONS });
    const product = aProduct({ stock: 300 });
    await setup.catalog.create(product);
    setup.close();

    // 2 × 300 attempts of 1–3 units ask for ~1,200 units of 300, so both processes hit the end.
    const buyers = [startBuyer(file, product.id, 300, 'a'), startBuyer(file, product.id, 300, 'b')];
    await Promise.all(buyers.map((b) => b.ready));
    for (const buyer of buyers) buyer.go();
    const reports = await Promise.all(buyers.map((b) => b.report));

    const check = createSqliteStore({ file, clock: createFakeClock(), ...CONTRACT_STORE_OPTIONS });
    try {
      const left = (await check.catalog.get(product.id))!.stock;
      const sold = reports.flatMap((r) => r.placed).reduce((sum, p) => sum + p.quantity, 0);
      const look = openDatabase(file);
      const stored = look
        .prepare<[], number>(
          `SELECT coalesce(sum(json_extract(value, '$.quantity')), 0)
           FROM orders, json_each(orders.lines)`,
        )
        .pluck()
        .get();
      look.close();
      expect(left).toBeGreaterThanOrEqual(0);
      expect(sold + left).toBe(300);
      expect(stored).toBe(sold);
      // Both processes really took part, so the race was real rather than one after the other.
      expect(reports.every((r) => r.placed.length > 0 && r.refused > 0)).toBe(true);
      // What is left is less than the smallest request (1 unit), so nothing was refused wrongly.
      expect(left).toBe(0);
    } finally {
      check.close();
    }
  }, 30_000);
});

describe('SQLite interactions', () => {
  it('stores one row per shopper and category however many events arrive', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'sellout-int-')), 'db');
    const store = createSqliteStore({ file, clock: createFakeClock(), ...CONTRACT_STORE_OPTIONS });
    const events = Array.from({ length: 1000 }, (_, i) => ({
      userId: 'u_flood',
      productId: `p_${i}`,
      category: ['audio', 'home', 'games'][i % 3]!,
      eventType: 'product-view' as const,
      at: new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString(),
    }));
    await store.interactions.record(events);
    const db = openDatabase(file);
    expect(db.prepare('SELECT COUNT(*) FROM user_interests').pluck().get()).toBe(3);
    db.close();
    store.close();
  });
});
