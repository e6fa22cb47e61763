import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { z } from '@hono/zod-openapi';
import { createDynamoStore } from '@sellout/adapter-aws/dynamodb/dynamo-store';
import {
  freshTables,
  localClient,
  withoutDynamoDb,
} from '@sellout/adapter-aws/testing/dynamodb-test-tables';
import { outboxDispatch } from '@sellout/adapter-local/outbox/outbox';
import { createSqliteStore } from '@sellout/adapter-local/sqlite/sqlite-store';
import type { CartLine } from '@sellout/core/carts/cart';
import type { Carts } from '@sellout/core/carts/carts-port';
import type { Catalog } from '@sellout/core/catalog/catalog-port';
import { createProduct } from '@sellout/core/catalog/manage-products';
import type { NewProduct, Product } from '@sellout/core/catalog/product';
import type {
  cartJsonSchema,
  orderJsonSchema,
  placeOrderJsonSchema,
  productJsonSchema,
} from '@sellout/core/contract/api-responses';
import type { Order } from '@sellout/core/orders/order';
import type { Orders } from '@sellout/core/orders/orders-port';
import type { CategoryScore } from '@sellout/core/recommendations/interaction';
import type { Interactions } from '@sellout/core/recommendations/interactions-port';
import type { Clock } from '@sellout/core/shared/system';
import { DAY_MS } from '@sellout/core/shared/time';
import { aShippingAddress } from '@sellout/core/testing/builders';
import {
  createFakeClock,
  createRecordingLiveUpdates,
  createSequentialIds,
} from '@sellout/core/testing/fake-system';
import {
  createInMemoryBlobStore,
  createRecordingMailer,
} from '@sellout/core/testing/in-memory-side-effects';
import { createInMemoryStore } from '@sellout/core/testing/in-memory-store';
import type { Context } from 'hono';
import { pino } from 'pino';
import { onTestFinished } from 'vitest';
import { createApp } from '../app';
import type { AppDeps } from '../app-deps';
import { configSchema } from '../config';
import { createSessionTokens } from '../http/session-tokens';
import { checkedAgainstDocument } from './documented-responses';

/** Response bodies as the contract of DESIGN §8 describes them. */
export type ProductBody = z.infer<typeof productJsonSchema>;
export type CartBody = z.infer<typeof cartJsonSchema>;
export type OrderBody = z.infer<typeof orderJsonSchema>;
export type PlacedBody = z.infer<typeof placeOrderJsonSchema>;
export type PageBody<T> = { items: T[]; nextCursor: string | null };
export type ErrorBody = {
  error: { code: string; message: string; details?: Record<string, unknown> };
};
export type SessionBody = { token: string; userId: string };

/** The products every test app starts with, by the role they play in tests. */
const namedProducts = {
  /** Enough stock that no test runs out. */
  plenty: { sku: 'T-PLENTY', category: 'gadgets', priceCents: 1250, stock: 1000 },
  /** A handful left. */
  few: { sku: 'T-FEW', category: 'gadgets', priceCents: 4999, stock: 3 },
  /** A sale item: at most 2 per order. */
  limited: { sku: 'T-LIMITED', category: 'sneakers', priceCents: 17999, stock: 20, maxPerOrder: 2 },
  soldOut: { sku: 'T-SOLDOUT', category: 'audio', priceCents: 2500, stock: 0 },
} satisfies Record<string, Partial<NewProduct>>;
export type ProductRole = keyof typeof namedProducts;

/** Filler, so that lists have several pages and categories. */
const FILLER_CATEGORIES = ['books', 'gadgets', 'audio'] as const;
const FILLER_COUNT = 9;

const newProduct = (fields: Partial<NewProduct> & { sku: string }): NewProduct => ({
  name: `Product ${fields.sku}`,
  description: `The ${fields.sku} product, made for tests.`,
  category: 'test',
  priceCents: 1000,
  stock: 10,
  imageUrl: `/images/products/${fields.sku.toLowerCase()}.svg`,
  ...fields,
});

const defaults = configSchema.parse({});
/** The shop's default lifetimes (CART_TTL_DAYS, SESSION_TTL_DAYS), which test apps run with. */
export const TEST_TTLS = {
  guestDataTtlMs: defaults.CART_TTL_DAYS * DAY_MS,
  sessionTtlMs: defaults.SESSION_TTL_DAYS * DAY_MS,
};

export type TestStore = 'memory' | 'sqlite' | 'dynamodb';

/**
 * The stores every API suite runs against: DynamoDB Local too, when the run has one (without
 * Java the global setup says loudly that those runs are skipped; under CI=true it fails).
 */
export const TEST_STORES: readonly TestStore[] = withoutDynamoDb
  ? ['memory', 'sqlite']
  : ['memory', 'sqlite', 'dynamodb'];

/** Fresh DynamoDB tables under their own prefix, dropped again on close. */
const openDynamoStore = async (clock: Clock) => {
  const client = localClient();
  const tables = await freshTables(client, 'api');
  return {
    ...createDynamoStore({
      client,
      tables: tables.names,
      stockShards: 1,
      clock,
      guestDataTtlMs: TEST_TTLS.guestDataTtlMs,
    }),
    /** The store's client, for tests that inject errors into it. */
    client,
    /** Its tables, for tests that open a second store over them (a second process). */
    tables: tables.names,
    async close() {
      await tables.drop();
      client.destroy();
    },
  };
};

export type TestAppOptions = {
  store: TestStore;
  /** Defaults to off, so tests that send many writes are not throttled. */
  rateLimits?: AppDeps['rateLimits'];
  /** Defaults to a silent one. */
  logger?: AppDeps['logger'];
};

export type TestApp = Awaited<ReturnType<typeof createTestApp>>;

/**
 * The real app over a real store (in memory, a fresh SQLite file, or fresh tables in DynamoDB
 * Local), with real session tokens, a fake clock (so rate-limit buckets refill only when a test
 * says so) and a seeded catalog.
 * The client address comes from the `X-Test-Client` header, so tests can play several machines.
 */
export const createTestApp = async (options: TestAppOptions) => {
  const clock = createFakeClock();
  const dir = options.store === 'sqlite' ? mkdtempSync(join(tmpdir(), 'sellout-api-')) : null;
  const file = dir ? join(dir, 'sellout.db') : null;
  const { guestDataTtlMs } = TEST_TTLS;
  const store =
    options.store === 'dynamodb'
      ? await openDynamoStore(clock)
      : file
        ? createSqliteStore({ file, clock, guestDataTtlMs })
        : { ...createInMemoryStore({ clock, guestDataTtlMs }), close: () => {} };
  const adminToken = `adm_${randomBytes(18).toString('base64url')}`;
  const live = createRecordingLiveUpdates();
  const blobs = createInMemoryBlobStore();
  const mailer = createRecordingMailer();
  /** Orders the admin sent to the worker again (the in-memory store has no outbox). */
  const resent: string[] = [];
  const deps: AppDeps = {
    catalog: store.catalog,
    carts: store.carts,
    orders: store.orders,
    interactions: store.interactions,
    dispatch:
      'outbox' in store
        ? outboxDispatch(store.outbox)
        : { resend: async (orderId) => void resent.push(orderId) },
    mailer,
    blobs,
    live,
    clock,
    ids: createSequentialIds(),
    tokens: createSessionTokens({
      secret: randomBytes(48).toString('base64url'),
      clock,
      ttlMs: TEST_TTLS.sessionTtlMs,
    }),
    adminToken,
    shop: { name: 'Sellout test shop', currency: 'USD' },
    rateLimits: options.rateLimits ?? null,
    clientAddress: (c: Context) => c.req.header('X-Test-Client') ?? 'test-client',
    logger: options.logger ?? pino({ level: 'silent' }),
  };

  const seed = async (fields: Partial<NewProduct> & { sku: string }) => {
    const created = await createProduct(deps, newProduct(fields));
    if (!created.ok) throw new Error(`seed ${fields.sku}: ${created.error.message}`);
    return created.value;
  };
  const products = {} as Record<ProductRole, Product>;
  for (const [role, fields] of Object.entries(namedProducts)) {
    products[role as ProductRole] = await seed({ ...fields, name: `The ${role} one` });
  }
  for (let i = 0; i < FILLER_COUNT; i++) {
    await seed({ sku: `T-FILL-${i}`, category: FILLER_CATEGORIES[i % FILLER_CATEGORIES.length] });
  }

  // Every answer a test receives is held to the OpenAPI document.
  const app = checkedAgainstDocument(createApp(deps));
  return {
    app,
    deps,
    adminToken,
    store,
    clock,
    live,
    /** Invoices, by key, as the worker would have written them. */
    blobs,
    /** Emails sent from a request (the shop cancelling an order), by idempotency key. */
    mailer,
    resent,
    /** The SQLite file, so a test can open a second connection to it; null in memory. */
    file,
    products,
    /** Adds one more product straight to the catalog. */
    seed,
    async close() {
      await store.close();
      if (dir) rmSync(dir, { recursive: true, force: true });
    },
  };
};

/** A test app closed (its SQLite file or DynamoDB tables removed) when the current test ends. */
export const openTestApp = async (options: TestAppOptions) => {
  const testApp = await createTestApp(options);
  onTestFinished(() => testApp.close());
  return testApp;
};

type App = TestApp['app'];

export type JsonResponse<T> = {
  status: number;
  headers: Headers;
  /** The parsed body; null when it was empty or not JSON. */
  body: T;
  text: string;
};

type RequestOptions = {
  token?: string | undefined;
  headers?: Record<string, string>;
  /** Sent as is instead of JSON.stringify(body); no Content-Type is added for it. */
  raw?: string | Uint8Array;
};

/**
 * One in-process request. `body` is sent as JSON with `Content-Type: application/json`;
 * `options.raw` sends bytes of the caller's choosing with only the caller's headers.
 */
export const jsonRequest = async <T = ErrorBody>(
  app: App,
  method: string,
  path: string,
  body?: unknown,
  options: RequestOptions = {},
): Promise<JsonResponse<T>> => {
  const headers: Record<string, string> = {};
  if (body !== undefined && options.raw === undefined) headers['Content-Type'] = 'application/json';
  if (options.token !== undefined) headers.Authorization = `Bearer ${options.token}`;
  Object.assign(headers, options.headers);
  const response = await app.request(path, {
    method,
    headers,
    body: options.raw ?? (body === undefined ? undefined : JSON.stringify(body)),
  });
  const text = await response.text();
  let parsed: unknown = null;
  try {
    parsed = text === '' ? null : JSON.parse(text);
  } catch {
    parsed = null;
  }
  return { status: response.status, headers: response.headers, body: parsed as T, text };
};

/** A new guest shopper's bearer token. */
export const newShopper = async (app: App): Promise<string> => {
  const response = await jsonRequest<SessionBody>(app, 'POST', '/api/session');
  if (response.status !== 201) throw new Error(`POST /api/session answered ${response.status}`);
  return response.body.token;
};

/** The user id a guest token carries (`v2.<userId>.<issuedAt>.<signature>`). */
export const userIdOf = (token: string) => token.split('.')[1]!;

/** A valid address; overrides may be invalid on purpose (bad-input tests). */
export const aShipping = (overrides: Record<string, unknown> = {}) => ({
  ...aShippingAddress(),
  ...overrides,
});

export const checkoutDetails = (overrides: Record<string, unknown> = {}) => ({
  email: 'ana@example.com',
  shipping: aShipping(),
  ...overrides,
});

/** The body of a "buy now" of `quantity` units of `productId`. */
export const buyNowBody = (productId: string, quantity = 1, overrides = {}) => ({
  productId,
  quantity,
  ...checkoutDetails(overrides),
});

/**
 * Asserts the error shape of DESIGN §8 exactly — `{"error":{"code","message","details"?}}` and
 * nothing else — with the status the error table gives the code.
 */
export const expectError = (
  response: JsonResponse<unknown>,
  status: number,
  code: string,
): ErrorBody['error'] => {
  const summary = `${status} ${code}, got ${response.status} ${response.text.slice(0, 300)}`;
  if (response.status !== status) throw new Error(`expected ${summary}`);
  if (!response.headers.get('content-type')?.startsWith('application/json'))
    throw new Error(`expected a JSON error body for ${summary}`);
  const body = response.body as Record<string, unknown> | null;
  if (body === null || typeof body !== 'object' || Object.keys(body).join() !== 'error')
    throw new Error(`expected exactly {"error":…} for ${summary}`);
  const error = body.error as Record<string, unknown>;
  const keys = Object.keys(error);
  const allowed = ['code', 'message', 'details'];
  if (
    typeof error !== 'object' ||
    error === null ||
    keys.some((key) => !allowed.includes(key)) ||
    typeof error.message !== 'string' ||
    error.message === '' ||
    error.code !== code ||
    (error.details !== undefined && (typeof error.details !== 'object' || error.details === null))
  )
    throw new Error(`expected {"error":{"code","message","details"?}} for ${summary}`);
  return error as ErrorBody['error'];
};

/** Whether the body has the error shape with a 4xx status (used by property tests). */
export const isErrorShape = (response: JsonResponse<unknown>) => {
  try {
    const body = response.body as ErrorBody;
    expectError(response, response.status, body.error.code);
    return true;
  } catch {
    return false;
  }
};

const allPages = async <T>(
  next: (after: string | null) => Promise<{ items: T[]; next: string | null }>,
) => {
  const all: T[] = [];
  let after: string | null = null;
  // A store that never ends a listing would otherwise spin forever.
  for (let pages = 0; pages < 10_000; pages++) {
    const page = await next(after);
    all.push(...page.items);
    if (page.next === null) return all;
    after = page.next;
  }
  throw new Error('the listing did not end after 10,000 pages');
};

export const allProducts = (catalog: Catalog) =>
  allPages<Product>((after) => catalog.list({ category: null, after, limit: 100 }));

export const allOrders = (orders: Orders) =>
  allPages<Order>((after) => orders.listAll({ status: null, after, limit: 100 }));

/**
 * Everything a refused request must leave alone: every product (stock included), the orders,
 * and the given shoppers' carts and recorded interests.
 */
export type StoreState = {
  products: Record<string, Product>;
  orderIds: string[];
  carts: Record<string, CartLine[]>;
  interests: Record<string, CategoryScore[]>;
};

export const storeState = async (
  deps: { catalog: Catalog; carts: Carts; orders: Orders; interactions: Interactions },
  userIds: readonly string[] = [],
): Promise<StoreState> => {
  const products = await allProducts(deps.catalog);
  const carts: Record<string, CartLine[]> = {};
  const interests: Record<string, CategoryScore[]> = {};
  for (const userId of userIds) {
    carts[userId] = await deps.carts.get(userId);
    interests[userId] = await deps.interactions.categoryScores(userId);
  }
  return {
    products: Object.fromEntries(products.map((p) => [p.id, p])),
    orderIds: (await allOrders(deps.orders)).map((o) => o.id).sort(),
    carts,
    interests,
  };
};

/** GET /api/orders/:id as `token`. */
export const getOrder = (app: App, token: string, orderId: string) =>
  jsonRequest<OrderBody>(app, 'GET', `/api/orders/${orderId}`, undefined, { token });

/** POST /api/checkout ("buy now") as `token`, optionally with an Idempotency-Key. */
export const buyNow = (
  app: App,
  token: string,
  productId: string,
  quantity = 1,
  options: { key?: string; overrides?: Record<string, unknown> } = {},
) =>
  jsonRequest<PlacedBody>(
    app,
    'POST',
    '/api/checkout',
    buyNowBody(productId, quantity, options.overrides),
    {
      token,
      headers: options.key === undefined ? {} : { 'Idempotency-Key': options.key },
    },
  );

/** POST /api/orders (check out the whole cart) as `token`. */
export const checkOutCart = (
  app: App,
  token: string,
  options: { key?: string; overrides?: Record<string, unknown> } = {},
) =>
  jsonRequest<PlacedBody>(app, 'POST', '/api/orders', checkoutDetails(options.overrides), {
    token,
    headers: options.key === undefined ? {} : { 'Idempotency-Key': options.key },
  });

/** POST /api/cart, failing the test unless the line was added. */
export const addToCart = async (app: App, token: string, productId: string, quantity = 1) => {
  const response = await jsonRequest<CartBody>(
    app,
    'POST',
    '/api/cart',
    { productId, quantity },
    { token },
  );
  if (response.status !== 200)
    throw new Error(`POST /api/cart answered ${response.status} ${response.text}`);
  return response.body;
};
