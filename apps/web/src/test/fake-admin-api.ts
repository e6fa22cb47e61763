import {
  newProductSchema,
  type Product,
  productPatchSchema,
  restockSchema,
} from '@sellout/core/catalog/product';
import { adminCancelSchema, normaliseEmail } from '@sellout/core/orders/order';
import type { ZodError } from 'zod';
import type { Order } from '../api/response-types';
import type { SeenRequest } from './fake-api';

export const FAKE_ADMIN_TOKEN = 'fake-admin-token-0123456789';

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json' },
  });

const apiError = (status: number, code: string, details?: Record<string, unknown>) =>
  json(status, { error: { code, message: `server says ${code}`, details } });

const invalid = (error: ZodError) =>
  apiError(400, 'VALIDATION_FAILED', {
    issues: error.issues.map((issue) => ({
      path: issue.path.map(String).join('.'),
      message: issue.message,
    })),
  });

type StoredOrder = Order & { userId: string };

/**
 * The admin endpoints of the fake API (the console's part of DESIGN §8 and its additions):
 * small enough to read, strict where the console must handle the server's answers (auth,
 * validation issues, ORDER_NOT_PENDING).
 */
export const createFakeAdminRoutes = (state: {
  products: Map<string, Product>;
  orders: StoredOrder[];
  invoices: Map<string, string>;
  isShopperToken: (token: string) => boolean;
}) => {
  const actions: string[] = [];
  let created = 0;
  const view = ({ userId: _userId, ...order }: StoredOrder): Order => order;
  const unitsSold = (productId: string) =>
    state.orders
      .filter((o) => o.status !== 'CANCELLED')
      .flatMap((o) => o.lines)
      .filter((l) => l.productId === productId)
      .reduce((sum, l) => sum + l.quantity, 0);

  const route = (request: SeenRequest): Response | undefined => {
    const { method, path, query, body } = request;
    const token = request.headers.get('Authorization')?.replace(/^Bearer /, '') ?? '';
    if (token !== FAKE_ADMIN_TOKEN) {
      return state.isShopperToken(token)
        ? apiError(403, 'FORBIDDEN')
        : apiError(401, 'UNAUTHORIZED');
    }
    const productMatch = path.match(/^\/api\/admin\/products\/([^/]+)(\/restock)?$/);
    const orderMatch = path.match(/^\/api\/admin\/orders\/([^/]+)(\/invoice|\/retry|\/cancel)?$/);

    if (method === 'GET' && path === '/api/admin/products') {
      const category = query.get('category');
      const limit = Number(query.get('limit') ?? 20);
      const start = Number(query.get('cursor') ?? 0);
      const all = [...state.products.values()]
        .filter((p) => !category || p.category === category)
        .sort((a, b) => (a.id < b.id ? -1 : 1));
      return json(200, {
        items: all.slice(start, start + limit).map((p) => ({ ...p, unitsSold: unitsSold(p.id) })),
        nextCursor: start + limit < all.length ? String(start + limit) : null,
      });
    }
    if (method === 'POST' && path === '/api/admin/products') {
      const parsed = newProductSchema.safeParse(body);
      if (!parsed.success) return invalid(parsed.error);
      const taken = [...state.products.values()].find((p) => p.sku === parsed.data.sku);
      if (taken) {
        return apiError(400, 'VALIDATION_FAILED', {
          issues: [{ path: 'sku', message: `already used by ${taken.id}` }],
        });
      }
      created += 1;
      const product: Product = {
        ...parsed.data,
        id: `p_new${created}`,
        currency: 'USD',
        maxPerOrder: parsed.data.maxPerOrder ?? null,
        saleStartsAt: parsed.data.saleStartsAt ?? null,
        maxPerCustomer: parsed.data.maxPerCustomer ?? null,
        version: 1,
      };
      state.products.set(product.id, product);
      return json(201, product);
    }
    if (productMatch) {
      const product = state.products.get(decodeURIComponent(productMatch[1]!));
      if (!product) return apiError(404, 'NOT_FOUND');
      if (method === 'PATCH' && !productMatch[2]) {
        const parsed = productPatchSchema.safeParse(body);
        if (!parsed.success) return invalid(parsed.error);
        Object.assign(product, parsed.data, { version: product.version + 1 });
        return json(200, product);
      }
      if (method === 'POST' && productMatch[2]) {
        const parsed = restockSchema.safeParse(body);
        if (!parsed.success) return invalid(parsed.error);
        product.stock += parsed.data.quantity;
        product.version += 1;
        return json(200, product);
      }
    }
    if (method === 'GET' && path === '/api/admin/orders') {
      const status = query.get('status');
      const number = query.get('number');
      const email = query.get('email');
      const limit = Number(query.get('limit') ?? 20);
      const start = Number(query.get('cursor') ?? 0);
      const found = state.orders.filter(
        (o) =>
          (!status || o.status === status) &&
          (!number || o.number === number) &&
          (!email || normaliseEmail(o.email) === normaliseEmail(email)),
      );
      return json(200, {
        items: found.slice(start, start + limit).map(view),
        nextCursor: start + limit < found.length ? String(start + limit) : null,
      });
    }
    if (orderMatch) {
      const order = state.orders.find((o) => o.id === orderMatch[1]);
      if (!order) return apiError(404, 'NOT_FOUND');
      const action = orderMatch[2];
      if (method === 'GET' && !action) return json(200, view(order));
      if (method === 'GET' && action === '/invoice') {
        const invoice = state.invoices.get(order.id);
        return invoice
          ? new Response(invoice, { status: 200, headers: { 'Content-Type': 'text/plain' } })
          : apiError(404, 'NOT_FOUND');
      }
      if (method === 'POST' && action === '/retry') {
        actions.push(`retry ${order.id}`);
        const stuck = order.status === 'PENDING' && order.failureReason !== null;
        if (stuck) order.failureReason = null;
        return json(202, { orderId: order.id, requeued: stuck, status: order.status });
      }
      if (method === 'POST' && action === '/cancel') {
        const parsed = adminCancelSchema.safeParse(body);
        if (!parsed.success) return invalid(parsed.error);
        if (order.status !== 'PENDING') {
          return apiError(409, 'ORDER_NOT_PENDING', { orderId: order.id, status: order.status });
        }
        actions.push(`cancel ${order.id}: ${parsed.data.reason}`);
        Object.assign(order, { status: 'CANCELLED', failureReason: parsed.data.reason });
        for (const line of order.lines) {
          const product = state.products.get(line.productId);
          if (product) {
            product.stock += line.quantity;
            product.version += 1;
          }
        }
        return json(200, view(order));
      }
    }
    return undefined;
  };
  return Object.assign(route, { actions });
};
