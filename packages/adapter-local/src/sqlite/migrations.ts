import type { Database } from 'better-sqlite3';

export type Migration = { name: string; sql: string };

/**
 * The schema, one step at a time. A migration's position is its schema version (stored in
 * `PRAGMA user_version`), so this list is append-only: never edit or reorder a shipped step.
 */
export const migrations: readonly Migration[] = [
  {
    name: 'initial schema: catalog, carts, orders, idempotency keys, outbox',
    sql: `
      CREATE TABLE products (
        id TEXT PRIMARY KEY,
        sku TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL,
        description TEXT NOT NULL,
        category TEXT NOT NULL,
        price_cents INTEGER NOT NULL CHECK (price_cents >= 0),
        currency TEXT NOT NULL,
        -- The last line of defence against overselling: even a buggy query cannot commit it.
        stock INTEGER NOT NULL CHECK (stock >= 0),
        max_per_order INTEGER CHECK (max_per_order IS NULL OR max_per_order >= 1),
        image_url TEXT NOT NULL,
        version INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX products_by_category ON products (category, id);

      CREATE TABLE cart_lines (
        user_id TEXT NOT NULL,
        product_id TEXT NOT NULL,
        quantity INTEGER NOT NULL CHECK (quantity BETWEEN 1 AND 99),
        position INTEGER NOT NULL,
        PRIMARY KEY (user_id, product_id)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE orders (
        id TEXT PRIMARY KEY,
        user_id TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('PENDING', 'PROCESSED', 'CANCELLED')),
        lines TEXT NOT NULL,
        total_cents INTEGER NOT NULL,
        currency TEXT NOT NULL,
        email TEXT NOT NULL,
        shipping TEXT NOT NULL,
        payment_token TEXT NOT NULL,
        created_at TEXT NOT NULL,
        processed_at TEXT,
        failure_reason TEXT,
        invoice_key TEXT
      ) STRICT;
      CREATE INDEX orders_by_user ON orders (user_id, id);
      CREATE INDEX orders_by_status ON orders (status, id);

      CREATE TABLE idempotency_keys (
        user_id TEXT NOT NULL,
        key TEXT NOT NULL,
        request_hash TEXT NOT NULL,
        order_id TEXT NOT NULL REFERENCES orders (id),
        created_at INTEGER NOT NULL,
        PRIMARY KEY (user_id, key)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE outbox (
        order_id TEXT PRIMARY KEY REFERENCES orders (id),
        attempts INTEGER NOT NULL DEFAULT 0,
        available_at INTEGER NOT NULL,
        claimed_until INTEGER,
        claim_receipt TEXT,
        last_error TEXT,
        dead_lettered_at INTEGER
      ) STRICT;
      CREATE INDEX outbox_due ON outbox (dead_lettered_at, available_at);
    `,
  },
  {
    name: 'best-sellers and shopper interests for recommendations',
    sql: `
      -- Units in orders that were not cancelled; kept by place and cancel in their transactions.
      ALTER TABLE products ADD COLUMN units_sold INTEGER NOT NULL DEFAULT 0;
      CREATE INDEX products_best_selling ON products (units_sold DESC, id DESC);
      CREATE INDEX products_best_selling_by_category ON products (category, units_sold DESC, id DESC);

      -- One row per shopper and category, so one shopper's events cannot grow the table
      -- beyond the number of categories.
      CREATE TABLE user_interests (
        user_id TEXT NOT NULL,
        category TEXT NOT NULL,
        score INTEGER NOT NULL,
        last_at TEXT NOT NULL,
        PRIMARY KEY (user_id, category)
      ) STRICT, WITHOUT ROWID;
    `,
  },
  {
    name: 'live events relayed from a separate worker process to the server',
    sql: `
      -- Written by \`npm run worker\`, read by the server that holds the WebSocket clients.
      CREATE TABLE live_events (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        event TEXT NOT NULL,
        at INTEGER NOT NULL
      ) STRICT;
    `,
  },
  {
    name: 'drops, per-customer limits, order numbers, stuck and cancelled-by on orders',
    sql: `
      ALTER TABLE products ADD COLUMN sale_starts_at TEXT;
      ALTER TABLE products ADD COLUMN max_per_customer INTEGER
        CHECK (max_per_customer IS NULL OR max_per_customer >= 1);

      -- Orders placed before numbers existed get one derived from their rowid: unique, and a
      -- clash with a random number drawn later is refused by the index and drawn again.
      ALTER TABLE orders ADD COLUMN number TEXT;
      UPDATE orders SET number = printf('%04X-%04X', rowid / 65536 % 65536, rowid % 65536);
      CREATE UNIQUE INDEX orders_by_number ON orders (number);

      -- The customer's email as limits count it (trimmed, lower-cased); both it and the
      -- shopper are looked up inside the checkout transaction.
      ALTER TABLE orders ADD COLUMN email_key TEXT;
      UPDATE orders SET email_key = lower(trim(email));
      CREATE INDEX orders_by_email_key ON orders (email_key);

      ALTER TABLE orders ADD COLUMN stuck_at TEXT;
      UPDATE orders SET stuck_at = (
        SELECT strftime('%Y-%m-%dT%H:%M:%fZ', dead_lettered_at / 1000.0, 'unixepoch')
        FROM outbox WHERE outbox.order_id = orders.id AND dead_lettered_at IS NOT NULL
      ) WHERE status = 'PENDING';

      ALTER TABLE orders ADD COLUMN cancelled_by TEXT
        CHECK (cancelled_by IS NULL OR cancelled_by IN ('payment', 'shop'));
      UPDATE orders SET cancelled_by = 'payment' WHERE status = 'CANCELLED';
    `,
  },
  {
    name: 'guest data lives for a time to live: when each cart last changed',
    sql: `
      -- One row per non-empty cart. A cart whose row is older than CART_TTL_DAYS is gone for
      -- reads at once and deleted by the sweep (ADR 45). Carts that exist now start their time
      -- from the upgrade, so none is lost to it.
      CREATE TABLE carts (
        user_id TEXT PRIMARY KEY,
        touched_at TEXT NOT NULL
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX carts_by_touched_at ON carts (touched_at);
      INSERT INTO carts (user_id, touched_at)
        SELECT DISTINCT user_id, strftime('%Y-%m-%dT%H:%M:%fZ', 'now') FROM cart_lines;

      -- Interest scores expire by their own last event time; the sweep finds them by it.
      CREATE INDEX user_interests_by_last_at ON user_interests (last_at);
    `,
  },
];

const schemaVersion = (db: Database) => Number(db.pragma('user_version', { simple: true }));

/** Brings the schema up to date; safe to run on every start, from several processes at once. */
export const migrate = (db: Database): void => {
  const found = schemaVersion(db);
  if (found > migrations.length) {
    throw new Error(
      `The database is at schema version ${found}, newer than this code knows (${migrations.length}); ` +
        'run a newer Sellout against it.',
    );
  }
  const apply = db.transaction((version: number, migration: Migration) => {
    // Checked again under the write lock: the server and the worker may start together, and
    // the one that waited must not apply a step the other has just committed.
    if (schemaVersion(db) >= version) return;
    db.exec(migration.sql);
    db.pragma(`user_version = ${version}`);
  });
  migrations.forEach((migration, index) => {
    if (index + 1 > found) apply.immediate(index + 1, migration);
  });
};
