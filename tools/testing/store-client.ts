import { aShippingAddress } from '@sellout/core/testing/builders';

/** The admin token every spawned test or benchmark server is started with. */
export const TEST_ADMIN_TOKEN = 'test-admin-token-0123456789abcdef';

/**
 * A small HTTP client for a running store, as the crash test and the benchmarks use it:
 * raw `Response`s, so callers can count statuses and time requests themselves.
 */
export const createStoreClient = (baseUrl: string, adminToken = TEST_ADMIN_TOKEN) => {
  const request = (path: string, init: RequestInit = {}, token?: string) =>
    fetch(`${baseUrl}/api${path}`, {
      ...init,
      headers: {
        'content-type': 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...init.headers,
      },
    });
  /** The parsed body of a 2xx answer; anything else throws with the body for the log. */
  const json = async <T>(response: Response | Promise<Response>): Promise<T> => {
    const answered = await response;
    if (!answered.ok)
      throw new Error(`${answered.url} → ${answered.status} ${await answered.text()}`);
    return (await answered.json()) as T;
  };
  const admin = (path: string, init: RequestInit = {}) => request(path, init, adminToken);

  return {
    request,
    admin,
    json,
    newShopper: async () =>
      (await json<{ token: string }>(request('/session', { method: 'POST' }))).token,
    /** An admin-created product: defaults for every field the caller does not name. */
    createProduct: (fields: {
      sku: string;
      stock: number;
      name?: string;
      priceCents?: number;
      category?: string;
      maxPerOrder?: number | null;
      imageUrl?: string;
      saleStartsAt?: string | null;
      description?: string;
    }) =>
      json<{ id: string; name: string; category: string; priceCents: number; stock: number }>(
        admin('/admin/products', {
          method: 'POST',
          body: JSON.stringify({
            name: `Test item ${fields.sku}`,
            description: 'Made by a test or a benchmark.',
            category: 'test',
            priceCents: 1999,
            imageUrl: '/images/products/test.svg',
            ...fields,
          }),
        }),
      ),
    /** POST /api/checkout ("buy now") with a valid address and an Idempotency-Key. */
    buyNow: (
      token: string,
      order: { productId: string; quantity: number; key: string; paymentToken?: string },
    ) =>
      request(
        '/checkout',
        {
          method: 'POST',
          headers: { 'idempotency-key': order.key },
          body: JSON.stringify({
            productId: order.productId,
            quantity: order.quantity,
            email: 'ana@example.com',
            shipping: aShippingAddress(),
            ...(order.paymentToken ? { paymentToken: order.paymentToken } : {}),
          }),
        },
        token,
      ),
    /** Every order, through the admin listing, page by page. */
    async allOrders<T>() {
      const orders: T[] = [];
      let cursor: string | null = null;
      do {
        const page: { items: T[]; nextCursor: string | null } = await json(
          admin(`/admin/orders?limit=100${cursor ? `&cursor=${cursor}` : ''}`),
        );
        orders.push(...page.items);
        cursor = page.nextCursor;
      } while (cursor);
      return orders;
    },
  };
};

export type StoreClient = ReturnType<typeof createStoreClient>;
