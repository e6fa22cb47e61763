import {
  cartJsonSchema,
  orderJsonSchema,
  orderPageJsonSchema,
  placeOrderJsonSchema,
  productJsonSchema,
  productPageJsonSchema,
  recommendationsJsonSchema,
  sessionJsonSchema,
} from '@sellout/core/contract/api-responses';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import {
  addToCart,
  checkOutCart,
  getOrder,
  jsonRequest,
  openTestApp,
  TEST_STORES,
} from './testing/test-app';

/** Every key of the body is one the shape names: the storefront would otherwise not see it. */
const expectShape = (schema: z.ZodType, body: unknown) => {
  const parsed = schema.safeParse(body);
  expect(parsed.success ? [] : parsed.error.issues).toEqual([]);
  expect(parsed.data).toEqual(body);
};

describe('what the API answers is exactly what the shared response shapes describe', () => {
  it.each(TEST_STORES)('from session to order (%s store)', async (store) => {
    const t = await openTestApp({ store });
    const session = await jsonRequest(t.app, 'POST', '/api/session');
    expectShape(sessionJsonSchema, session.body);
    const token = (session.body as unknown as { token: string }).token;

    expectShape(
      productPageJsonSchema,
      (await jsonRequest(t.app, 'GET', '/api/products?limit=3')).body,
    );
    expectShape(
      productJsonSchema,
      (await jsonRequest(t.app, 'GET', `/api/products/${t.products.limited.id}`)).body,
    );
    expectShape(cartJsonSchema, await addToCart(t.app, token, t.products.plenty.id, 2));

    const placed = await checkOutCart(t.app, token);
    expectShape(placeOrderJsonSchema, placed.body);
    expectShape(orderJsonSchema, (await getOrder(t.app, token, placed.body.orderId)).body);
    expectShape(
      orderPageJsonSchema,
      (await jsonRequest(t.app, 'GET', '/api/orders', undefined, { token })).body,
    );
    expectShape(
      recommendationsJsonSchema,
      (await jsonRequest(t.app, 'GET', '/api/recommendations', undefined, { token })).body,
    );
  });
});
