import { addToCartSchema, priceCart, setCartQuantitySchema } from '@sellout/core/carts/cart';
import type { Product } from '@sellout/core/catalog/product';
import { buyNowSchema, cartCheckoutSchema } from '@sellout/core/orders/order';
import type { ZodError } from 'zod';
import type { Fetch } from '../api/api-client';
import type { Cart, Order } from '../api/response-types';
import { createFakeAdminRoutes, FAKE_ADMIN_TOKEN } from './fake-admin-api';

/** A request as the fake server saw it. */
export type SeenRequest = {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: Headers;
  body: unknown;
};

/** Answers a request itself, or returns undefined to let the fake's own routes answer. */
export type Override = (
  request: SeenRequest,
) => Response | undefined | Promise<Response | undefined>;

export const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json', ...headers },
  });

export const apiError = (
  status: number,
  code: string,
  details?: Record<string, unknown>,
  headers?: Record<string, string>,
) => json(status, { error: { code, message: `server says ${code}`, details } }, headers);

const issuesOf = (error: ZodError) =>
  error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message }));

/**
 * An in-memory Sellout API behind a fake `fetch`: the contract of DESIGN §8, small enough to
 * read, so component tests exercise the real API client, query hooks and error mapping.
 */
export const createFakeApi = (
  options: {
    products?: Product[];
    /** Orders stamped with the fake server's time, instead of one day per order in 2026. */
    realTimes?: boolean;
  } = {},
) => {
  const products = new Map((options.products ?? []).map((p) => [p.id, { ...p }]));
  const sessions = new Map<string, string>(); // token → userId
  const expired = new Set<string>();
  const carts = new Map<string, { productId: string; quantity: number }[]>();
  const orders: (Order & { userId: string })[] = [];
  const idempotency = new Map<string, { body: string; response: unknown }>();
  const requests: SeenRequest[] = [];
  const overrides: Override[] = [];
  const invoices = new Map<string, string>();
  let sessionCount = 0;
  let orderCount = 0;
  let network: 'up' | 'down' = 'up';
  /** How far the fake server's clock is ahead of this machine's (DESIGN §12 counts on it). */
  let serverOffsetMs = 0;
  const serverNow = () => new Date(Date.now() + serverOffsetMs).toISOString();

  const pricedCart = (userId: string): Cart => {
    return priceCart(carts.get(userId) ?? [], [...products.values()], 'USD', serverNow());
  };

  const view = ({ userId: _userId, ...order }: Order & { userId: string }): Order => order;

  const place = (
    userId: string,
    key: string | null,
    route: string,
    body: unknown,
    lines: { productId: string; quantity: number }[],
    details: { email: string; shipping: Order['shipping'] },
    fromCart: boolean,
  ) => {
    const scopedKey = key && `${userId}:${key}`;
    const earlier = scopedKey ? idempotency.get(scopedKey) : undefined;
    if (earlier) {
      return earlier.body === `${route}${JSON.stringify(body)}`
        ? json(201, earlier.response, { 'Idempotent-Replayed': 'true' })
        : apiError(422, 'IDEMPOTENCY_KEY_REUSED');
    }
    const missing = lines.find((line) => !products.has(line.productId));
    if (missing) return apiError(404, 'NOT_FOUND');
    const closed = lines.flatMap((line) => {
      const { saleStartsAt } = products.get(line.productId)!;
      return saleStartsAt !== null && saleStartsAt > serverNow()
        ? [{ productId: line.productId, saleStartsAt }]
        : [];
    });
    if (closed.length > 0) return apiError(409, 'NOT_ON_SALE', { items: closed });
    const breaches = lines.flatMap((line) => {
      const limit = products.get(line.productId)!.maxPerOrder;
      return limit !== null && line.quantity > limit
        ? [{ productId: line.productId, requested: line.quantity, limit }]
        : [];
    });
    if (breaches.length > 0) return apiError(422, 'PURCHASE_LIMIT_EXCEEDED', { items: breaches });
    const short = lines.flatMap((line) => {
      const available = products.get(line.productId)!.stock;
      return line.quantity > available
        ? [{ productId: line.productId, requested: line.quantity, available }]
        : [];
    });
    if (short.length > 0) return apiError(409, 'OUT_OF_STOCK', { items: short });

    orderCount += 1;
    const orderLines = lines.map((line) => {
      const product = products.get(line.productId)!;
      product.stock -= line.quantity;
      product.version += 1;
      return {
        productId: product.id,
        name: product.name,
        priceCents: product.priceCents,
        quantity: line.quantity,
        lineTotalCents: product.priceCents * line.quantity,
      };
    });
    const order = {
      id: `o_${String(orderCount).padStart(4, '0')}`,
      number: `FAKE-${String(orderCount).padStart(4, '0')}`,
      userId,
      status: 'PENDING' as const,
      lines: orderLines,
      totalCents: orderLines.reduce((sum, line) => sum + line.lineTotalCents, 0),
      currency: 'USD',
      email: details.email,
      shipping: details.shipping,
      createdAt: options.realTimes
        ? serverNow()
        : new Date(Date.UTC(2026, 0, orderCount)).toISOString(),
      processedAt: null,
      failureReason: null,
      invoiceUrl: null,
    };
    orders.unshift(order);
    if (fromCart) carts.set(userId, []);
    const response = { orderId: order.id, status: 'PENDING', order: view(order) };
    if (scopedKey)
      idempotency.set(scopedKey, { body: `${route}${JSON.stringify(body)}`, response });
    return json(201, response);
  };

  const route = (request: SeenRequest, userId: string | null): Response => {
    const { method, path, query, body } = request;
    const needUser = () => (userId ? null : apiError(401, 'UNAUTHORIZED'));
    const productMatch = path.match(/^\/api\/products\/([^/]+)$/);
    const cartItemMatch = path.match(/^\/api\/cart\/items\/([^/]+)$/);
    const orderMatch = path.match(/^\/api\/orders\/([^/]+)(\/invoice)?$/);

    if (method === 'GET' && path === '/api/health') {
      return json(200, { status: 'ok', time: serverNow() });
    }
    if (path.startsWith('/api/admin/')) {
      return admin(request) ?? apiError(404, 'NOT_FOUND');
    }
    if (method === 'POST' && path === '/api/session') {
      sessionCount += 1;
      const token = `token-${sessionCount}`;
      sessions.set(token, `u_${sessionCount}`);
      return json(201, { token, userId: `u_${sessionCount}` });
    }
    if (method === 'GET' && path === '/api/products') {
      const category = query.get('category');
      const limit = Number(query.get('limit') ?? 20);
      const start = Number(query.get('cursor') ?? 0);
      const all = [...products.values()].filter((p) => !category || p.category === category);
      const items = all.slice(start, start + limit);
      return json(200, {
        items,
        nextCursor: start + limit < all.length ? String(start + limit) : null,
      });
    }
    if (method === 'GET' && productMatch) {
      const product = products.get(decodeURIComponent(productMatch[1]!));
      return product ? json(200, product) : apiError(404, 'NOT_FOUND');
    }

    const refused = needUser();
    if (refused || !userId) return refused ?? apiError(401, 'UNAUTHORIZED');

    if (path === '/api/cart' && method === 'GET') return json(200, pricedCart(userId));
    if (path === '/api/cart' && method === 'POST') {
      const parsed = addToCartSchema.safeParse(body);
      if (!parsed.success) {
        return apiError(400, 'VALIDATION_FAILED', { issues: issuesOf(parsed.error) });
      }
      if (!products.has(parsed.data.productId)) return apiError(404, 'NOT_FOUND');
      const lines = carts.get(userId) ?? [];
      const line = lines.find((l) => l.productId === parsed.data.productId);
      if (line) line.quantity += parsed.data.quantity;
      else lines.push({ ...parsed.data });
      carts.set(userId, lines);
      return json(200, pricedCart(userId));
    }
    if (cartItemMatch) {
      const productId = decodeURIComponent(cartItemMatch[1]!);
      const lines = (carts.get(userId) ?? []).filter((l) => l.productId !== productId);
      if (method === 'PUT') {
        const parsed = setCartQuantitySchema.safeParse(body);
        if (!parsed.success) {
          return apiError(400, 'VALIDATION_FAILED', { issues: issuesOf(parsed.error) });
        }
        const old = carts.get(userId) ?? [];
        const at = old.findIndex((l) => l.productId === productId);
        if (parsed.data.quantity > 0) {
          const next = { productId, quantity: parsed.data.quantity };
          if (at >= 0) old[at] = next;
          else old.push(next);
          carts.set(userId, old);
        } else {
          carts.set(userId, lines);
        }
        return json(200, pricedCart(userId));
      }
      if (method === 'DELETE') {
        carts.set(userId, lines);
        return json(200, pricedCart(userId));
      }
    }
    if (method === 'POST' && path === '/api/orders') {
      const parsed = cartCheckoutSchema.safeParse(body);
      if (!parsed.success) {
        return apiError(400, 'VALIDATION_FAILED', { issues: issuesOf(parsed.error) });
      }
      const lines = carts.get(userId) ?? [];
      const key = request.headers.get('Idempotency-Key');
      if (lines.length === 0 && !(key && idempotency.has(`${userId}:${key}`))) {
        return apiError(409, 'CART_EMPTY');
      }
      return place(userId, key, path, body, lines, parsed.data, true);
    }
    if (method === 'POST' && path === '/api/checkout') {
      const parsed = buyNowSchema.safeParse(body);
      if (!parsed.success) {
        return apiError(400, 'VALIDATION_FAILED', { issues: issuesOf(parsed.error) });
      }
      const { productId, quantity, ...details } = parsed.data;
      const key = request.headers.get('Idempotency-Key');
      return place(userId, key, path, body, [{ productId, quantity }], details, false);
    }
    if (method === 'GET' && path === '/api/orders') {
      return json(200, {
        items: orders.filter((o) => o.userId === userId).map(view),
        nextCursor: null,
      });
    }
    if (method === 'GET' && orderMatch) {
      const order = orders.find((o) => o.id === orderMatch[1] && o.userId === userId);
      if (!order) return apiError(404, 'NOT_FOUND');
      if (!orderMatch[2]) return json(200, view(order));
      const invoice = invoices.get(order.id);
      return invoice
        ? new Response(invoice, { status: 200, headers: { 'Content-Type': 'text/plain' } })
        : apiError(404, 'NOT_FOUND');
    }
    if (method === 'POST' && path === '/api/events') return json(202, { accepted: true });
    if (method === 'GET' && path === '/api/recommendations') {
      const limit = Number(query.get('limit') ?? 4);
      const items = [...products.values()].filter((p) => p.stock > 0).slice(0, limit);
      return json(200, { basis: 'popular', category: null, items });
    }
    return apiError(404, 'NOT_FOUND');
  };

  const admin = createFakeAdminRoutes({
    products,
    orders,
    invoices,
    isShopperToken: (token) => sessions.has(token),
  });

  const fetch: Fetch = async (input, init) => {
    const url = new URL(input, 'http://shop.test');
    const headers = new Headers(init.headers);
    const request: SeenRequest = {
      method: init.method ?? 'GET',
      path: url.pathname,
      query: url.searchParams,
      headers,
      body: typeof init.body === 'string' ? JSON.parse(init.body) : undefined,
    };
    requests.push(request);
    if (network === 'down') throw new TypeError('Failed to fetch');
    for (const override of overrides) {
      const answer = await override(request);
      if (answer) return answer;
    }
    const token = headers.get('Authorization')?.replace(/^Bearer /, '') ?? '';
    if (expired.has(token)) {
      // As the real server answers a token older than SESSION_TTL_DAYS.
      return json(
        401,
        {
          error: {
            code: 'UNAUTHORIZED',
            message: 'This guest session expired; start a new one with POST /api/session.',
          },
        },
        {
          'WWW-Authenticate':
            'Bearer realm="sellout", error="invalid_token", error_description="The session expired"',
        },
      );
    }
    return route(request, sessions.get(token) ?? null);
  };

  return {
    fetch,
    requests,
    products,
    /** Requests to one endpoint, e.g. `calls('POST', '/api/orders')`. */
    calls: (method: string, path: string) =>
      requests.filter((r) => r.method === method && r.path === path),
    /** Answers matching requests with `override` first (in the order added). */
    override: (handler: Override) => {
      overrides.push(handler);
    },
    setNetwork: (state: 'up' | 'down') => {
      network = state;
    },
    /** Puts lines straight into the cart of the session `token` (creating the session). */
    seedCart: (token: string, lines: { productId: string; quantity: number }[]) => {
      sessionCount += 1;
      const userId = `u_seed${sessionCount}`;
      sessions.set(token, userId);
      carts.set(
        userId,
        lines.map((line) => ({ ...line })),
      );
      return userId;
    },
    orders,
    /** Moves an order on, as the worker would. */
    settle: (orderId: string, patch: Partial<Order>, invoice?: string) => {
      const order = orders.find((o) => o.id === orderId);
      if (!order) throw new Error(`no order ${orderId}`);
      Object.assign(order, patch);
      if (invoice !== undefined) {
        invoices.set(orderId, invoice);
        order.invoiceUrl = `/api/orders/${orderId}/invoice`;
      }
    },
    forgetSessions: () => sessions.clear(),
    /** Sets how far the fake server's clock runs ahead of this machine's (negative: behind). */
    setServerOffset: (ms: number) => {
      serverOffsetMs = ms;
    },
    adminToken: FAKE_ADMIN_TOKEN,
    /** What the admin did through the fake's admin routes (retries, cancels). */
    adminActions: admin.actions,
    /** Every session so far grows older than SESSION_TTL_DAYS; their carts stay behind. */
    expireSessions: () => {
      for (const token of sessions.keys()) expired.add(token);
      sessions.clear();
    },
    /** The lines in the cart of the session `token`, as the fake server holds them. */
    cartOf: (token: string) => {
      const userId = sessions.get(token);
      return userId ? (carts.get(userId) ?? []) : [];
    },
  };
};

export type FakeApi = ReturnType<typeof createFakeApi>;
