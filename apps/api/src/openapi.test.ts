import { describe, expect, it } from 'vitest';
import { jsonRequest, openTestApp, type TestApp } from './testing/test-app';

type Operation = {
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

/** The table of DESIGN §8 (the WebSocket and the document itself aside), in OpenAPI notation. */
const CONTRACT: [method: string, path: string, access: Access][] = [
  ['get', '/api/health', 'public'],
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
  ['post', '/api/admin/products', 'admin'],
  ['patch', '/api/admin/products/{id}', 'admin'],
  ['post', '/api/admin/products/{id}/restock', 'admin'],
  ['get', '/api/admin/orders', 'admin'],
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
    routed.delete('GET /api/openapi.json');
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
      if (expected === 'public') expect(operation.security ?? [], path).toEqual([]);
      else expect(operation.security, `${method} ${path}`).toEqual([{ [expected!]: [] }]);
    }
  });

  it('describes JSON bodies that reject unknown fields, and the error shape', async () => {
    const t = await openTestApp({ store: 'memory' });
    const doc = await documentOf(t);
    for (const { method, path, operation } of documented(doc)) {
      // Liveness has no failure of its own to describe.
      if (path !== '/api/health') {
        const errorBody = operation.responses.default?.content?.['application/json']?.schema;
        expect(errorBody, `${method} ${path}`).toEqual({ $ref: '#/components/schemas/Error' });
      }
      if (!operation.requestBody) continue;
      const schema = operation.requestBody.content['application/json']?.schema as
        | { additionalProperties?: unknown; allOf?: unknown }
        | undefined;
      expect(schema, `${method} ${path}`).toBeDefined();
      expect(operation.requestBody.required).toBe(true);
      expect(JSON.stringify(schema)).toContain('"additionalProperties":false');
    }
    for (const name of ['Product', 'Cart', 'Order', 'PlaceOrderResponse', 'Error']) {
      expect(doc.components.schemas).toHaveProperty(name);
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
