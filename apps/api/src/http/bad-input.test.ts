import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addToCart,
  aShipping,
  buyNow,
  buyNowBody,
  checkoutDetails,
  createTestApp,
  expectError,
  type JsonResponse,
  jsonRequest,
  newShopper,
  storeState,
  TEST_STORES,
  type TestApp,
  userIdOf,
} from '../testing/test-app';

/**
 * DESIGN §8: "No input, however malformed, may produce a 500 or change state." Every case
 * sends one bad request and checks the 4xx of the contract, the error shape, and that products
 * (stock included), the shopper's cart and the orders are exactly as before.
 */

type Expected = readonly [status: number, code: string];
type Who = 'shopper' | 'admin' | 'nobody' | 'forged';
type Case = {
  name: string;
  method: string;
  path: (t: TestApp) => string;
  who: Who;
  body?: (t: TestApp) => unknown;
  /** Bytes sent as they are, with only the case's headers. */
  raw?: string | Uint8Array | ((t: TestApp) => string);
  headers?: Record<string, string>;
  /** One answer, or any of several when the contract allows either (see the report). */
  expect: Expected | readonly Expected[];
};

const VALIDATION = [400, 'VALIDATION_FAILED'] as const;
const NOT_FOUND = [404, 'NOT_FOUND'] as const;
const TOO_LARGE = [413, 'PAYLOAD_TOO_LARGE'] as const;
const MEDIA_TYPE = [415, 'UNSUPPORTED_MEDIA_TYPE'] as const;
const UNAUTHORIZED = [401, 'UNAUTHORIZED'] as const;
/** An id no server ever issued, too long to be one: refusing it as invalid or unknown are both fine. */
const UNKNOWN_OR_INVALID = [VALIDATION, NOT_FOUND] as const;

const LONG_ID = `p_${'a'.repeat(5000)}`;
const JSON_TYPE = { 'Content-Type': 'application/json' };

const newProduct = {
  sku: 'BAD-INPUT-1',
  name: 'Valid name',
  description: 'Valid description',
  category: 'gadgets',
  priceCents: 100,
  stock: 5,
  imageUrl: '/images/products/x.svg',
};

/** The mutating endpoints of §8 with a body that would succeed, so a case changes one thing. */
const bodyEndpoints: {
  name: string;
  method: string;
  path: (t: TestApp) => string;
  who: Who;
  valid: (t: TestApp) => Record<string, unknown>;
}[] = [
  {
    name: 'POST /api/cart',
    method: 'POST',
    path: () => '/api/cart',
    who: 'shopper',
    valid: (t) => ({ productId: t.products.plenty.id, quantity: 1 }),
  },
  {
    name: 'PUT /api/cart/items/:id',
    method: 'PUT',
    path: (t) => `/api/cart/items/${t.products.plenty.id}`,
    who: 'shopper',
    valid: () => ({ quantity: 5 }),
  },
  {
    name: 'POST /api/orders',
    method: 'POST',
    path: () => '/api/orders',
    who: 'shopper',
    valid: () => checkoutDetails(),
  },
  {
    name: 'POST /api/checkout',
    method: 'POST',
    path: () => '/api/checkout',
    who: 'shopper',
    valid: (t) => buyNowBody(t.products.plenty.id, 1),
  },
  {
    name: 'POST /api/events',
    method: 'POST',
    path: () => '/api/events',
    who: 'shopper',
    valid: (t) => ({ productId: t.products.plenty.id, eventType: 'product-view' }),
  },
  {
    name: 'POST /api/admin/products',
    method: 'POST',
    path: () => '/api/admin/products',
    who: 'admin',
    valid: () => newProduct,
  },
  {
    name: 'PATCH /api/admin/products/:id',
    method: 'PATCH',
    path: (t) => `/api/admin/products/${t.products.plenty.id}`,
    who: 'admin',
    valid: () => ({ name: 'Changed' }),
  },
  {
    name: 'POST /api/admin/products/:id/restock',
    method: 'POST',
    path: (t) => `/api/admin/products/${t.products.plenty.id}/restock`,
    who: 'admin',
    valid: () => ({ quantity: 3 }),
  },
];

/** What every body-taking endpoint must refuse, whatever its schema. */
const malformedBodies = bodyEndpoints.flatMap((endpoint): Case[] => {
  const at = { method: endpoint.method, path: endpoint.path, who: endpoint.who };
  const named = (what: string) => `${endpoint.name}: ${what}`;
  return [
    {
      ...at,
      name: named('malformed JSON'),
      raw: '{"quantity": 1,',
      headers: JSON_TYPE,
      expect: VALIDATION,
    },
    { ...at, name: named('an empty JSON body'), raw: '', headers: JSON_TYPE, expect: VALIDATION },
    { ...at, name: named('JSON null'), body: () => null, expect: VALIDATION },
    { ...at, name: named('a JSON array'), body: (t) => [endpoint.valid(t)], expect: VALIDATION },
    { ...at, name: named('a JSON number'), body: () => 7, expect: VALIDATION },
    { ...at, name: named('a JSON string'), body: () => 'quantity=1', expect: VALIDATION },
    {
      ...at,
      name: named('an unknown field'),
      body: (t) => ({ ...endpoint.valid(t), isAdmin: true }),
      expect: VALIDATION,
    },
    {
      ...at,
      name: named('a body over 64 KiB'),
      body: (t) => ({ ...endpoint.valid(t), padding: 'x'.repeat(65 * 1024) }),
      expect: TOO_LARGE,
    },
    {
      ...at,
      name: named('a big body that is all whitespace'),
      raw: `${' '.repeat(70 * 1024)}{}`,
      headers: JSON_TYPE,
      expect: TOO_LARGE,
    },
    {
      ...at,
      name: named('a JSON body sent as text/plain'),
      raw: JSON.stringify({ quantity: 1 }),
      headers: { 'Content-Type': 'text/plain' },
      expect: MEDIA_TYPE,
    },
    {
      ...at,
      name: named('a form body'),
      raw: 'quantity=1&productId=p_1',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      expect: MEDIA_TYPE,
    },
    {
      ...at,
      name: named('a multipart body'),
      raw: '--b\r\nContent-Disposition: form-data; name="quantity"\r\n\r\n1\r\n--b--\r\n',
      headers: { 'Content-Type': 'multipart/form-data; boundary=b' },
      expect: MEDIA_TYPE,
    },
    {
      ...at,
      name: named('a body without a Content-Type'),
      raw: new TextEncoder().encode(JSON.stringify({ quantity: 1 })),
      expect: MEDIA_TYPE,
    },
    {
      ...at,
      name: named('bytes that are not UTF-8'),
      raw: new Uint8Array([0x7b, 0x22, 0xc3, 0x28, 0x22, 0x7d]),
      headers: JSON_TYPE,
      expect: VALIDATION,
    },
    {
      ...at,
      who: 'forged',
      name: named('a forged token'),
      body: endpoint.valid,
      expect: UNAUTHORIZED,
    },
    { ...at, who: 'nobody', name: named('no token'), body: endpoint.valid, expect: UNAUTHORIZED },
  ];
});

const cartAdd =
  (quantity: unknown, extra: Record<string, unknown> = {}) =>
  (t: TestApp) => ({
    productId: t.products.plenty.id,
    quantity,
    ...extra,
  });
const cartAddCases: Case[] = [
  ...[0, 100, 1.5, '2', -1, null, true].map(
    (quantity): Case => ({
      name: `POST /api/cart: quantity ${JSON.stringify(quantity)}`,
      method: 'POST',
      path: () => '/api/cart',
      who: 'shopper',
      body: cartAdd(quantity),
      expect: VALIDATION,
    }),
  ),
  ...[123, '', 'p_', '😀', `p_${'a'.repeat(65)}`, 'p_../../etc', null].map(
    (productId): Case => ({
      name: `POST /api/cart: productId ${JSON.stringify(productId).slice(0, 20)}`,
      method: 'POST',
      path: () => '/api/cart',
      who: 'shopper',
      body: () => ({ productId, quantity: 1 }),
      expect: VALIDATION,
    }),
  ),
  {
    name: 'POST /api/cart: quantity 1e400 (Infinity once parsed)',
    method: 'POST',
    path: () => '/api/cart',
    who: 'shopper',
    raw: (t) => `{"productId":"${t.products.plenty.id}","quantity":1e400}`,
    headers: JSON_TYPE,
    expect: VALIDATION,
  },
  {
    name: 'POST /api/cart: no quantity',
    method: 'POST',
    path: () => '/api/cart',
    who: 'shopper',
    body: (t) => ({ productId: t.products.plenty.id }),
    expect: VALIDATION,
  },
  {
    name: 'POST /api/cart: a price from the client',
    method: 'POST',
    path: () => '/api/cart',
    who: 'shopper',
    body: cartAdd(1, { priceCents: 1 }),
    expect: VALIDATION,
  },
  {
    name: 'POST /api/cart: an unknown product',
    method: 'POST',
    path: () => '/api/cart',
    who: 'shopper',
    body: () => ({ productId: 'p_doesnotexist', quantity: 1 }),
    expect: NOT_FOUND,
  },
];

const cartSetCases: Case[] = [
  ...[100, 1.5, '2', -1, null, '0'].map(
    (quantity): Case => ({
      name: `PUT /api/cart/items/:id: quantity ${JSON.stringify(quantity)}`,
      method: 'PUT',
      path: (t) => `/api/cart/items/${t.products.plenty.id}`,
      who: 'shopper',
      body: () => ({ quantity }),
      expect: VALIDATION,
    }),
  ),
  {
    name: 'PUT /api/cart/items/:id: no quantity',
    method: 'PUT',
    path: (t) => `/api/cart/items/${t.products.plenty.id}`,
    who: 'shopper',
    body: () => ({}),
    expect: VALIDATION,
  },
  {
    name: 'PUT /api/cart/items/:id: the product id in the body too',
    method: 'PUT',
    path: (t) => `/api/cart/items/${t.products.plenty.id}`,
    who: 'shopper',
    body: (t) => ({ productId: t.products.plenty.id, quantity: 1 }),
    expect: VALIDATION,
  },
  ...[
    ['an unknown product', 'p_doesnotexist', NOT_FOUND],
    ['a NUL byte', '%00', NOT_FOUND],
    ['unicode', '%F0%9F%98%80', NOT_FOUND],
    ['a path trick', '..%2F..%2Fadmin%2Fproducts', NOT_FOUND],
    ['a very long id', LONG_ID, UNKNOWN_OR_INVALID],
  ].map(
    ([what, id, expected]): Case => ({
      name: `PUT /api/cart/items/:id: ${what}`,
      method: 'PUT',
      path: () => `/api/cart/items/${id}`,
      who: 'shopper',
      body: () => ({ quantity: 1 }),
      expect: expected as Case['expect'],
    }),
  ),
];

const checkout = (overrides: Record<string, unknown>) => (t: TestApp) =>
  buyNowBody(t.products.plenty.id, 1, overrides);
const cartCheckout = (overrides: Record<string, unknown>) => () => checkoutDetails(overrides);

const BAD_EMAILS = ['not-an-email', '', 'ana@', '@example.com', 'ana example@x.com', 123, null];
const LONG_EMAIL = `${'a'.repeat(250)}@example.com`;
const BAD_COUNTRIES = ['USA', 'us', 'XX', '', 'U', 1];
const BAD_SHIPPING: [string, unknown][] = [
  ['extra fields', aShipping({ phone: '+1 555 0100', isGift: true })],
  ['no city', { ...aShipping(), city: undefined }],
  ['a blank name', aShipping({ name: '   ' })],
  ['a name over 100 characters', aShipping({ name: 'n'.repeat(101) })],
  ['a number as postal code', aShipping({ postalCode: 12345 })],
  ['a line separator forging an invoice line', aShipping({ name: 'Ana\u2028Total paid $0.00' })],
  ['a zero-width space', aShipping({ line1: '1 Market\u200B St' })],
  ['a right-to-left mark', aShipping({ city: 'Spring\u200Ffield' })],
  ['a soft hyphen', aShipping({ postalCode: '12\u00AD345' })],
  ['a string', '1 Market Street, Springfield'],
  ['an array', [aShipping()]],
  ['null', null],
];

const checkoutFieldCases = (
  name: string,
  path: string,
  body: (overrides: Record<string, unknown>) => (t: TestApp) => unknown,
): Case[] => {
  const at = { method: 'POST', path: () => path, who: 'shopper' as const, expect: VALIDATION };
  return [
    ...[...BAD_EMAILS, LONG_EMAIL].map(
      (email): Case => ({
        ...at,
        name: `${name}: email ${JSON.stringify(email).slice(0, 24)}`,
        body: body({ email }),
      }),
    ),
    ...BAD_COUNTRIES.map(
      (country): Case => ({
        ...at,
        name: `${name}: country ${JSON.stringify(country)}`,
        body: body({ shipping: aShipping({ country }) }),
      }),
    ),
    ...BAD_SHIPPING.map(
      ([what, shipping]): Case => ({
        ...at,
        name: `${name}: shipping with ${what}`,
        body: body({ shipping }),
      }),
    ),
    ...['visa', 'tok_VISA', 5].map(
      (paymentToken): Case => ({
        ...at,
        name: `${name}: paymentToken ${JSON.stringify(paymentToken)}`,
        body: body({ paymentToken }),
      }),
    ),
    { ...at, name: `${name}: a total from the client`, body: body({ totalCents: 1 }) },
  ];
};

const buyNowCases: Case[] = [
  ...checkoutFieldCases('POST /api/checkout', '/api/checkout', checkout),
  ...[0, 100, 1.5, '2', -3].map(
    (quantity): Case => ({
      name: `POST /api/checkout: quantity ${JSON.stringify(quantity)}`,
      method: 'POST',
      path: () => '/api/checkout',
      who: 'shopper',
      body: checkout({ quantity }),
      expect: VALIDATION,
    }),
  ),
  {
    name: 'POST /api/checkout: an unknown product',
    method: 'POST',
    path: () => '/api/checkout',
    who: 'shopper',
    body: () => buyNowBody('p_doesnotexist', 1),
    expect: NOT_FOUND,
  },
  {
    name: 'POST /api/checkout: a sold-out product',
    method: 'POST',
    path: () => '/api/checkout',
    who: 'shopper',
    body: (t) => buyNowBody(t.products.soldOut.id, 1),
    expect: [409, 'OUT_OF_STOCK'],
  },
  {
    name: 'POST /api/checkout: more than maxPerOrder',
    method: 'POST',
    path: () => '/api/checkout',
    who: 'shopper',
    body: (t) => buyNowBody(t.products.limited.id, 3),
    expect: [422, 'PURCHASE_LIMIT_EXCEEDED'],
  },
  ...['', 'k'.repeat(256), 'clé', 'tab\there'].map(
    (key): Case => ({
      name: `POST /api/checkout: Idempotency-Key ${JSON.stringify(key).slice(0, 20)}`,
      method: 'POST',
      path: () => '/api/checkout',
      who: 'shopper',
      body: checkout({}),
      headers: { 'Idempotency-Key': key },
      expect: VALIDATION,
    }),
  ),
];

const cartCheckoutCases: Case[] = [
  ...checkoutFieldCases('POST /api/orders', '/api/orders', cartCheckout),
  {
    name: 'POST /api/orders: lines from the client',
    method: 'POST',
    path: () => '/api/orders',
    who: 'shopper',
    body: (t) => checkoutDetails({ lines: [{ productId: t.products.few.id, quantity: 1 }] }),
    expect: VALIDATION,
  },
];

const adminCreate = (overrides: Record<string, unknown>) => () => ({ ...newProduct, ...overrides });
const adminCases: Case[] = [
  ...(
    [
      ['no name', { name: undefined }],
      ['a blank name', { name: '  ' }],
      ['a category that is not a slug', { category: 'Audio Stuff' }],
      ['a javascript: image', { imageUrl: 'javascript:alert(1)' }],
      ['a protocol-relative image', { imageUrl: '//evil.example/x.png' }],
      ['an http: image', { imageUrl: 'http://cdn.example.com/x.png' }],
      ['a negative price', { priceCents: -1 }],
      ['a fractional price', { priceCents: 1.5 }],
      ['a price as a string', { priceCents: '100' }],
      ['negative stock', { stock: -1 }],
      ['maxPerOrder 0', { maxPerOrder: 0 }],
      ['maxPerOrder 100', { maxPerOrder: 100 }],
      ['a lowercase currency', { currency: 'usd' }],
      ['another currency', { currency: 'EUR' }],
      ['a SKU with spaces', { sku: 'A SKU' }],
      ['an SKU already in use', { sku: 'T-PLENTY' }],
      ['an id', { id: 'p_chosen' }],
      ['a version', { version: 7 }],
    ] as const
  ).map(
    ([what, overrides]): Case => ({
      name: `POST /api/admin/products: ${what}`,
      method: 'POST',
      path: () => '/api/admin/products',
      who: 'admin',
      body: adminCreate(overrides),
      expect: VALIDATION,
    }),
  ),
  ...(
    [
      ['an empty patch', {}],
      ['stock', { stock: 5000 }],
      ['a version', { version: 99 }],
      ['an id', { id: 'p_other' }],
      ['a negative price', { priceCents: -5 }],
      ['an empty name', { name: '' }],
      ['another currency', { currency: 'EUR' }],
      ["another product's SKU", { sku: 'T-FEW' }],
    ] as const
  ).map(
    ([what, patch]): Case => ({
      name: `PATCH /api/admin/products/:id: ${what}`,
      method: 'PATCH',
      path: (t) => `/api/admin/products/${t.products.plenty.id}`,
      who: 'admin',
      body: () => patch,
      expect: VALIDATION,
    }),
  ),
  {
    name: 'PATCH /api/admin/products/:id: an unknown product',
    method: 'PATCH',
    path: () => '/api/admin/products/p_doesnotexist',
    who: 'admin',
    body: () => ({ name: 'x' }),
    expect: NOT_FOUND,
  },
  {
    name: 'PATCH /api/admin/products/:id: a very long id',
    method: 'PATCH',
    path: () => `/api/admin/products/${LONG_ID}`,
    who: 'admin',
    body: () => ({ name: 'x' }),
    expect: UNKNOWN_OR_INVALID,
  },
  ...[0, -1, 1.5, '5', 1_000_001, null].map(
    (quantity): Case => ({
      name: `POST /api/admin/products/:id/restock: quantity ${JSON.stringify(quantity)}`,
      method: 'POST',
      path: (t) => `/api/admin/products/${t.products.plenty.id}/restock`,
      who: 'admin',
      body: () => ({ quantity }),
      expect: VALIDATION,
    }),
  ),
  {
    name: 'POST /api/admin/products/:id/restock: an unknown product',
    method: 'POST',
    path: () => '/api/admin/products/p_doesnotexist/restock',
    who: 'admin',
    body: () => ({ quantity: 1 }),
    expect: NOT_FOUND,
  },
];

const eventCases: Case[] = [
  ...['click', '', 'PURCHASE', null, 3].map(
    (eventType): Case => ({
      name: `POST /api/events: eventType ${JSON.stringify(eventType)}`,
      method: 'POST',
      path: () => '/api/events',
      who: 'shopper',
      body: (t) => ({ productId: t.products.plenty.id, eventType }),
      expect: VALIDATION,
    }),
  ),
  {
    name: 'POST /api/events: a category from the client',
    method: 'POST',
    path: () => '/api/events',
    who: 'shopper',
    body: (t) => ({ productId: t.products.plenty.id, eventType: 'purchase', productType: 'audio' }),
    expect: VALIDATION,
  },
  {
    name: 'POST /api/events: an unknown product',
    method: 'POST',
    path: () => '/api/events',
    who: 'shopper',
    body: () => ({ productId: 'p_doesnotexist', eventType: 'product-view' }),
    expect: NOT_FOUND,
  },
  ...['limit=0', 'limit=25', 'limit=abc', 'limit=-1'].map(
    (query): Case => ({
      name: `GET /api/recommendations?${query}`,
      method: 'GET',
      path: () => `/api/recommendations?${query}`,
      who: 'shopper',
      expect: VALIDATION,
    }),
  ),
];

const LISTS: [string, Who][] = [
  ['/api/products', 'nobody'],
  ['/api/orders', 'shopper'],
  ['/api/admin/orders', 'admin'],
];
const BAD_QUERIES = [
  'limit=0',
  'limit=101',
  'limit=abc',
  'limit=-1',
  'limit=1.5',
  'limit=1e1',
  'limit=0x10',
  'limit=%205',
  'limit=1&limit=2',
  'cursor=garbage!',
  'cursor=abc',
  `cursor=${'x'.repeat(500)}`,
  `cursor=${btoa('c1.').replace(/=+$/, '')}`,
  `cursor=${btoa('c1.a b').replace(/=+$/, '')}`,
  `cursor=${btoa('c2.p_1').replace(/=+$/, '')}`,
];
const queryCases: Case[] = LISTS.flatMap(([path, who]) =>
  BAD_QUERIES.map(
    (query): Case => ({
      name: `GET ${path}?${query.slice(0, 30)}`,
      method: 'GET',
      path: () => `${path}?${query}`,
      who,
      expect: VALIDATION,
    }),
  ),
);

const lookupCases: Case[] = [
  ...(
    [
      ['an unknown product', '/api/products/p_doesnotexist', NOT_FOUND],
      ['a NUL byte', '/api/products/%00', NOT_FOUND],
      ['unicode', '/api/products/%F0%9F%98%80', NOT_FOUND],
      ['a broken escape', '/api/products/%E0%A4%A', NOT_FOUND],
      ['a path trick', '/api/products/..%2F..%2Fetc%2Fpasswd', NOT_FOUND],
      ['dot segments', '/api/products/%2e%2e/%2e%2e/etc/passwd', NOT_FOUND],
      ['a very long id', `/api/products/${LONG_ID}`, UNKNOWN_OR_INVALID],
    ] as const
  ).map(
    ([what, path, expected]): Case => ({
      name: `GET /api/products/:id: ${what}`,
      method: 'GET',
      path: () => path,
      who: 'nobody',
      expect: expected,
    }),
  ),
  ...(
    [
      ['an unknown order', '/api/orders/o_doesnotexist', NOT_FOUND],
      ['a path trick', '/api/orders/..%2F..%2Fetc%2Fpasswd', NOT_FOUND],
      ['a NUL byte', '/api/orders/%00', NOT_FOUND],
      ['unicode', '/api/orders/%E2%80%AE%F0%9F%98%80', NOT_FOUND],
      ['a very long id', `/api/orders/o_${'9'.repeat(5000)}`, UNKNOWN_OR_INVALID],
    ] as const
  ).map(
    ([what, path, expected]): Case => ({
      name: `GET /api/orders/:id: ${what}`,
      method: 'GET',
      path: () => path,
      who: 'shopper',
      expect: expected,
    }),
  ),
];

const cases: Case[] = [
  ...malformedBodies,
  ...cartAddCases,
  ...cartSetCases,
  ...buyNowCases,
  ...cartCheckoutCases,
  ...adminCases,
  ...eventCases,
  ...queryCases,
  ...lookupCases,
];

describe.each(TEST_STORES)('bad input (%s store)', (store) => {
  let t: TestApp;
  let shopper: string;
  let ownOrderId: string;
  const state = () => storeState(t.deps, [userIdOf(shopper)]);

  beforeAll(async () => {
    t = await createTestApp({ store });
    shopper = await newShopper(t.app);
    // Something in the cart and an order already placed, so a change to either would show.
    await addToCart(t.app, shopper, t.products.plenty.id, 2);
    await addToCart(t.app, shopper, t.products.few.id, 1);
    ownOrderId = (await buyNow(t.app, shopper, t.products.few.id, 1)).body.orderId;
  });
  afterAll(() => t.close());

  const tokenFor = (who: Who) =>
    ({
      shopper,
      admin: t.adminToken,
      nobody: undefined,
      forged: `${shopper.slice(0, -2)}xx`,
    })[who];

  it.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const before = await state();
    const response: JsonResponse<unknown> = await jsonRequest(
      t.app,
      c.method,
      c.path(t),
      c.body?.(t),
      {
        token: tokenFor(c.who),
        headers: c.headers ?? {},
        ...(c.raw === undefined ? {} : { raw: typeof c.raw === 'function' ? c.raw(t) : c.raw }),
      },
    );
    const allowed: readonly Expected[] =
      typeof c.expect[0] === 'number' ? [c.expect as Expected] : (c.expect as readonly Expected[]);
    const match = allowed.find(([status]) => status === response.status);
    expect(match, `answered ${response.status} ${response.text.slice(0, 200)}`).toBeDefined();
    expectError(response, match![0], match![1]);
    expect(await state()).toEqual(before);
  });

  it('DELETE of a cart line by a tricky id answers the cart unchanged', async () => {
    for (const id of [
      'p_doesnotexist',
      '%00',
      '%F0%9F%98%80',
      '..%2F..%2Fadmin%2Fproducts',
      LONG_ID,
    ]) {
      const before = await state();
      const response = await jsonRequest(t.app, 'DELETE', `/api/cart/items/${id}`, undefined, {
        token: shopper,
      });
      if (response.status === 200) {
        expect(response.body).toMatchObject({ itemCount: 3 });
      } else {
        // A very long id may be refused as invalid input instead.
        expectError(response, 400, 'VALIDATION_FAILED');
      }
      expect(await state()).toEqual(before);
    }
  });

  it('left the order placed in setup readable by its owner', async () => {
    const response = await jsonRequest(t.app, 'GET', `/api/orders/${ownOrderId}`, undefined, {
      token: shopper,
    });
    expect(response.status).toBe(200);
  });
});
