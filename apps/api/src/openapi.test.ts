import { describe, expect, it, vi } from 'vitest';
import { jsonRequest, openTestApp, type TestApp } from './testing/test-app';

type ErrorSchema = {
  properties: { error: { properties: { code: { enum: string[] } } } };
};
type Operation = {
  operationId?: string;
  security?: Record<string, string[]>[];
  requestBody?: { required?: boolean; content: Record<string, { schema: unknown }> };
  responses: Record<string, { content?: Record<string, { schema: unknown }> }>;
};
type OpenApiDocument = {
  openapi: string;
  info: { title: string; version: string };
  paths: Record<string, Record<string, Operation>>;
  components: {
    securitySchemes: Record<string, { type: string; scheme: string }>;
    schemas: Record<string, unknown>;
  };
};

type Access = 'public' | 'shopper' | 'admin';

/** The table of DESIGN §8 (the WebSocket aside), in OpenAPI notation. */
const CONTRACT: [method: string, path: string, access: Access][] = [
  ['get', '/api/health', 'public'],
  ['get', '/api/docs', 'public'],
  ['get', '/api/openapi.json', 'public'],
  ['post', '/api/session', 'public'],
  ['get', '/api/products', 'public'],
  ['get', '/api/products/{id}', 'public'],
  ['get', '/api/cart', 'shopper'],
  ['post', '/api/cart', 'shopper'],
  ['put', '/api/cart/items/{productId}', 'shopper'],
  ['delete', '/api/cart/items/{productId}', 'shopper'],
  ['post', '/api/orders', 'shopper'],
  ['post', '/api/checkout', 'shopper'],
  ['get', '/api/orders', 'shopper'],
  ['get', '/api/orders/{id}', 'shopper'],
  ['get', '/api/orders/{id}/invoice', 'shopper'],
  ['post', '/api/events', 'shopper'],
  ['get', '/api/recommendations', 'shopper'],
  ['get', '/api/admin/products', 'admin'],
  ['post', '/api/admin/products', 'admin'],
  ['patch', '/api/admin/products/{id}', 'admin'],
  ['post', '/api/admin/products/{id}/restock', 'admin'],
  ['get', '/api/admin/orders', 'admin'],
  ['get', '/api/admin/orders/{id}', 'admin'],
  ['get', '/api/admin/orders/{id}/invoice', 'admin'],
  ['post', '/api/admin/orders/{id}/retry', 'admin'],
  ['post', '/api/admin/orders/{id}/cancel', 'admin'],
];

/** Every row of the table is built by now. */
const BUILT_NOW = CONTRACT;

const key = (method: string, path: string) => `${method.toUpperCase()} ${path}`;

/** The operations the app really routes (Hono's `:param` turned into OpenAPI's `{param}`). */
const routedOperations = (t: TestApp) =>
  new Set(
    t.app.routes
      .filter((r) => r.method !== 'ALL')
      .map((r) => key(r.method, r.path.replace(/:([A-Za-z]+)/g, '{$1}'))),
  );

const documentOf = async (t: TestApp) => {
  const response = await jsonRequest<OpenApiDocument>(t.app, 'GET', '/api/openapi.json');
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^application\/json/);
  return response.body;
};

const documented = (doc: OpenApiDocument) =>
  Object.entries(doc.paths).flatMap(([path, operations]) =>
    Object.entries(operations).map(([method, operation]) => ({ method, path, operation })),
  );

describe('GET /api/openapi.json', () => {
  it('is an OpenAPI 3.1 document of the Sellout API', async () => {
    const t = await openTestApp({ store: 'memory' });
    const doc = await documentOf(t);
    expect(doc.openapi).toMatch(/^3\.1\.\d+$/);
    expect(doc.info.title).toEqual(expect.any(String));
    expect(doc.info.version).toEqual(expect.any(String));
  });

  it('documents every operation of §8 built so far', async () => {
    const t = await openTestApp({ store: 'memory' });
    const listed = new Set(documented(await documentOf(t)).map((o) => key(o.method, o.path)));
    for (const [method, path] of BUILT_NOW) expect(listed).toContain(key(method, path));
  });

  it('documents exactly what the app routes under /api, and nothing outside §8', async () => {
    const t = await openTestApp({ store: 'memory' });
    const listed = new Set(documented(await documentOf(t)).map((o) => key(o.method, o.path)));
    const contract = new Set(CONTRACT.map(([method, path]) => key(method, path)));
    for (const operation of listed) expect(contract).toContain(operation);
    const routed = routedOperations(t);
    // The files of the reference page are not operations of the API.
    routed.delete('GET /api/docs/{file}');
    expect([...routed].sort()).toEqual([...listed].sort());
  });

  it('has the bearer security schemes, and each operation asks for the right one', async () => {
    const t = await openTestApp({ store: 'memory' });
    const doc = await documentOf(t);
    expect(doc.components.securitySchemes).toEqual({
      shopper: expect.objectContaining({ type: 'http', scheme: 'bearer' }),
      admin: expect.objectContaining({ type: 'http', scheme: 'bearer' }),
    });
    const access = new Map(CONTRACT.map(([m, p, a]) => [key(m, p), a]));
    for (const { method, path, operation } of documented(doc)) {
      const expected = access.get(key(method, path));
      // Public operations say so (`security: []`) instead of leaving a client to guess.
      if (expected === 'public') expect(operation.security, path).toEqual([]);
      else expect(operation.security, `${method} ${path}`).toEqual([{ [expected!]: [] }]);
    }
  });

  it('describes JSON bodies that reject unknown fields', async () => {
    const t = await openTestApp({ store: 'memory' });
    const doc = await documentOf(t);
    for (const { method, path, operation } of documented(doc)) {
      if (!operation.requestBody) continue;
      const schema = operation.requestBody.content['application/json']?.schema as
        | { additionalProperties?: unknown; allOf?: unknown }
        | undefined;
      expect(schema, `${method} ${path}`).toBeDefined();
      expect(operation.requestBody.required).toBe(true);
      expect(JSON.stringify(schema)).toContain('"additionalProperties":false');
    }
    for (const name of ['Product', 'Cart', 'Order', 'PlaceOrderResponse', 'Session']) {
      expect(doc.components.schemas).toHaveProperty(name);
    }
  });

  it('is built once, however many ask for it at once, and revalidates with its ETag', async () => {
    const t = await openTestApp({ store: 'memory' });
    const build = vi.spyOn(t.app, 'getOpenAPI31Document');
    const texts = new Set<string>();
    // 1,000 requests, 50 at a time: what an unauthenticated flood looks like.
    for (let batch = 0; batch < 20; batch++) {
      const answers = await Promise.all(
        Array.from({ length: 50 }, () => t.app.request('/api/openapi.json')),
      );
      for (const answer of answers) {
        expect(answer.status).toBe(200);
        texts.add(await answer.text());
      }
    }
    expect(build).toHaveBeenCalledTimes(1);
    expect(texts.size).toBe(1);
    const etag = (await t.app.request('/api/openapi.json')).headers.get('etag');
    expect(etag).toMatch(/^"[\w-]+"$/);
    const again = await t.app.request('/api/openapi.json', { headers: { 'If-None-Match': etag! } });
    expect(again.status).toBe(304);
    expect(build).toHaveBeenCalledTimes(1);
  });

  it('names every operation once, for generated clients', async () => {
    const t = await openTestApp({ store: 'memory' });
    const ids = documented(await documentOf(t)).map((o) => o.operation.operationId);
    expect(ids.every((id) => typeof id === 'string' && /^[a-z][A-Za-z]+$/.test(id))).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('lists the error statuses each operation answers, with their codes, and no catch-all', async () => {
    const t = await openTestApp({ store: 'memory' });
    const doc = await documentOf(t);
    const errorsOf = (method: string, path: string) => {
      const operation = doc.paths[path]?.[method];
      expect(operation?.responses.default, `${method} ${path}`).toBeUndefined();
      return Object.fromEntries(
        Object.entries(operation?.responses ?? {})
          .filter(([status]) => Number(status) >= 400)
          .map(([status, response]) => [
            status,
            (response.content?.['application/json']?.schema as ErrorSchema | undefined)?.properties
              .error.properties.code.enum,
          ]),
      );
    };
    expect(errorsOf('post', '/api/orders')).toEqual({
      400: ['VALIDATION_FAILED'],
      401: ['UNAUTHORIZED'],
      404: ['NOT_FOUND'],
      409: ['OUT_OF_STOCK', 'NOT_ON_SALE', 'CART_EMPTY'],
      413: ['PAYLOAD_TOO_LARGE'],
      415: ['UNSUPPORTED_MEDIA_TYPE'],
      422: ['PURCHASE_LIMIT_EXCEEDED', 'IDEMPOTENCY_KEY_REUSED'],
      429: ['RATE_LIMITED'],
      500: ['INTERNAL'],
      503: ['UNAVAILABLE'],
    });
    expect(Object.keys(errorsOf('post', '/api/checkout'))).toEqual(
      Object.keys(errorsOf('post', '/api/orders')),
    );
    expect(errorsOf('post', '/api/checkout')[409]).toEqual(['OUT_OF_STOCK', 'NOT_ON_SALE']);
    expect(errorsOf('get', '/api/products/{id}')).toEqual({
      404: ['NOT_FOUND'],
      500: ['INTERNAL'],
      503: ['UNAVAILABLE'],
    });
    expect(errorsOf('patch', '/api/admin/products/{id}')).toMatchObject({
      401: ['UNAUTHORIZED'],
      403: ['FORBIDDEN'],
    });
    for (const { method, path, operation } of documented(doc)) {
      expect(operation.responses[500], `${method} ${path}`).toBeDefined();
    }
  });

  it('documents the Idempotency-Key header on both checkouts', async () => {
    const t = await openTestApp({ store: 'memory' });
    const doc = await documentOf(t);
    for (const path of ['/api/orders', '/api/checkout']) {
      const operation = doc.paths[path]?.post as
        | { parameters?: { name: string; in: string }[] }
        | undefined;
      const parameters = operation?.parameters;
      expect(parameters).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            name: expect.stringMatching(/^idempotency-key$/i),
            in: 'header',
          }),
        ]),
      );
    }
  });
});
