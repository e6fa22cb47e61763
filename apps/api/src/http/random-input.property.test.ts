import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addToCart,
  buyNow,
  buyNowBody,
  checkoutDetails,
  createTestApp,
  isErrorShape,
  type JsonResponse,
  jsonRequest,
  newShopper,
  storeState,
  TEST_STORES,
  type TestApp,
  userIdOf,
} from '../testing/test-app';

/**
 * DESIGN §8: "No input, however malformed, may produce a 500 or change state." Random bodies,
 * content types, ids, keys and tokens are thrown at every mutating endpoint: the answer is never
 * a 5xx, every 4xx has the error shape and a status from the error table, and a refused request
 * leaves every product, the shopper's cart and the orders exactly as they were.
 */

const ERROR_STATUSES = [400, 401, 403, 404, 409, 413, 415, 422];

type Endpoint = {
  name: string;
  method: string;
  /** Path with `{id}` where an id goes. */
  path: string;
  who: 'shopper' | 'admin';
  valid: (t: TestApp) => Record<string, unknown>;
  /** Checkouts take an Idempotency-Key. */
  keyed?: boolean;
};

const ENDPOINTS: Endpoint[] = [
  {
    name: 'POST /api/cart',
    method: 'POST',
    path: '/api/cart',
    who: 'shopper',
    valid: (t) => ({ productId: t.products.plenty.id, quantity: 1 }),
  },
  {
    name: 'PUT /api/cart/items/:productId',
    method: 'PUT',
    path: '/api/cart/items/{id}',
    who: 'shopper',
    valid: () => ({ quantity: 2 }),
  },
  {
    name: 'DELETE /api/cart/items/:productId',
    method: 'DELETE',
    path: '/api/cart/items/{id}',
    who: 'shopper',
    valid: () => ({}),
  },
  {
    name: 'POST /api/orders',
    method: 'POST',
    path: '/api/orders',
    who: 'shopper',
    valid: () => checkoutDetails(),
    keyed: true,
  },
  {
    name: 'POST /api/checkout',
    method: 'POST',
    path: '/api/checkout',
    who: 'shopper',
    valid: (t) => buyNowBody(t.products.few.id, 1),
    keyed: true,
  },
  {
    name: 'POST /api/events',
    method: 'POST',
    path: '/api/events',
    who: 'shopper',
    valid: (t) => ({ productId: t.products.few.id, eventType: 'add-to-cart' }),
  },
  {
    name: 'POST /api/admin/products',
    method: 'POST',
    path: '/api/admin/products',
    who: 'admin',
    valid: () => ({
      sku: 'PROP-1',
      name: 'Random thing',
      description: 'Made by a property test.',
      category: 'gadgets',
      priceCents: 100,
      stock: 3,
      imageUrl: '/images/products/random.svg',
    }),
  },
  {
    name: 'PATCH /api/admin/products/:id',
    method: 'PATCH',
    path: '/api/admin/products/{id}',
    who: 'admin',
    valid: () => ({ name: 'Patched' }),
  },
  {
    name: 'POST /api/admin/products/:id/restock',
    method: 'POST',
    path: '/api/admin/products/{id}/restock',
    who: 'admin',
    valid: () => ({ quantity: 1 }),
  },
];

const printable = fc.string({
  unit: fc.integer({ min: 0x20, max: 0x7e }).map((code) => String.fromCharCode(code)),
  maxLength: 80,
});

const contentTypes = fc.oneof(
  { weight: 4, arbitrary: fc.constant('application/json') },
  fc.constantFrom(
    'application/json; charset=utf-8',
    'APPLICATION/JSON',
    'application/merge-patch+json',
    'text/plain',
    'text/html',
    'application/x-www-form-urlencoded',
    'multipart/form-data; boundary=xyz',
    'application/xml',
    'application/octet-stream',
    '',
  ),
  printable,
  fc.constant(undefined),
);

const jsonish = fc.oneof(
  fc.jsonValue(),
  fc.anything(),
  fc.object(),
  fc.dictionary(
    fc.constantFrom(
      'productId',
      'quantity',
      'email',
      'shipping',
      'sku',
      'stock',
      '__proto__',
      'constructor',
    ),
    fc.anything(),
  ),
);

/** A valid body with one field replaced, dropped or added: the inputs that get furthest in. */
const nearlyValid = (valid: Record<string, unknown>) =>
  fc.oneof(
    fc
      .tuple(fc.constantFrom(...Object.keys(valid), 'extra', 'priceCents', 'userId'), fc.anything())
      .map(([key, value]) => ({ ...valid, [key]: value })),
    fc.constantFrom(...Object.keys(valid), 'none').map((key) => {
      const { [key]: _dropped, ...rest } = valid;
      return rest;
    }),
    fc
      .tuple(
        fc.constantFrom('name', 'line1', 'city', 'postalCode', 'country', 'line2', 'phone'),
        fc.anything(),
      )
      .map(([key, value]) => ({
        ...valid,
        shipping: { ...(checkoutDetails().shipping as Record<string, unknown>), [key]: value },
      })),
  );

type Attempt = {
  body: string | Uint8Array | undefined;
  contentType: string | undefined;
  id: string;
  key: string | undefined;
  token: 'valid' | 'none' | 'forged' | 'other-role';
};

const attempts = (t: TestApp, endpoint: Endpoint) =>
  fc.record<Attempt>({
    body: fc.oneof(
      { weight: 3, arbitrary: nearlyValid(endpoint.valid(t)).map((v) => JSON.stringify(v)) },
      { weight: 2, arbitrary: jsonish.map((v) => JSON.stringify(v) ?? '') },
      fc.string({ maxLength: 200 }),
      fc.uint8Array({ maxLength: 200 }),
      fc.constant(undefined),
    ),
    contentType: contentTypes,
    id: fc.oneof(
      fc.constantFrom(t.products.plenty.id, t.products.few.id, t.products.soldOut.id, 'p_nope'),
      fc.string({ maxLength: 300 }).map(encodeURIComponent),
    ),
    key: fc.option(fc.oneof(printable, fc.string({ maxLength: 300 })), { nil: undefined }),
    token: fc.constantFrom('valid', 'valid', 'valid', 'none', 'forged', 'other-role'),
  });

/** Header values a client could really send (fetch refuses the rest before it leaves). */
const sendable = (value: string) =>
  /^[\t\x20-\x7e\x80-\xff]*$/.test(value) && value.trim() === value;

const RUNS = { memory: 200, sqlite: 50, dynamodb: 20 } as const;

describe.each(TEST_STORES)('random input at every mutating endpoint (%s store)', (store) => {
  let t: TestApp;
  let shopper: string;

  beforeAll(async () => {
    t = await createTestApp({ store });
    shopper = await newShopper(t.app);
    await addToCart(t.app, shopper, t.products.plenty.id, 2);
    await buyNow(t.app, shopper, t.products.plenty.id, 1);
  });
  afterAll(() => t.close());

  const send = (endpoint: Endpoint, attempt: Attempt): Promise<JsonResponse<unknown>> => {
    const headers: Record<string, string> = {};
    if (attempt.contentType !== undefined && sendable(attempt.contentType)) {
      headers['Content-Type'] = attempt.contentType;
    }
    if (endpoint.keyed && attempt.key !== undefined && sendable(attempt.key)) {
      headers['Idempotency-Key'] = attempt.key;
    }
    const tokens = {
      valid: endpoint.who === 'admin' ? t.adminToken : shopper,
      'other-role': endpoint.who === 'admin' ? shopper : t.adminToken,
      forged: `${shopper.slice(0, -3)}abc`,
      none: undefined,
    };
    return jsonRequest(
      t.app,
      endpoint.method,
      endpoint.path.replace('{id}', attempt.id),
      undefined,
      {
        token: tokens[attempt.token],
        headers,
        ...(attempt.body === undefined ? {} : { raw: attempt.body }),
      },
    );
  };

  it.each(ENDPOINTS.map((e) => [e.name, e] as const))(
    '%s',
    async (_name, endpoint) => {
      await fc.assert(
        fc.asyncProperty(attempts(t, endpoint), async (attempt) => {
          const before = await storeState(t.deps, [userIdOf(shopper)]);
          const response = await send(endpoint, attempt);
          expect(response.status, response.text.slice(0, 300)).toBeLessThan(500);
          if (response.status >= 400) {
            expect(ERROR_STATUSES, response.text.slice(0, 300)).toContain(response.status);
            expect(isErrorShape(response), response.text.slice(0, 300)).toBe(true);
            expect(await storeState(t.deps, [userIdOf(shopper)])).toEqual(before);
          }
        }),
        { numRuns: RUNS[store] },
      );
    },
    30_000,
  );
});
