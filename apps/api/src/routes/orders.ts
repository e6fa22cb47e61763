import { createRoute, z } from '@hono/zod-openapi';
import {
  orderJsonSchema,
  orderPageJsonSchema,
  placeOrderJsonSchema,
} from '@sellout/core/contract/api-responses';
import { buyNow } from '@sellout/core/orders/buy-now';
import type { PlacedOrder } from '@sellout/core/orders/checkout';
import { getOwnInvoice } from '@sellout/core/orders/get-invoice';
import { buyNowSchema, cartCheckoutSchema } from '@sellout/core/orders/order';
import { placeOrderFromCart } from '@sellout/core/orders/place-order';
import { getOwnOrder, listOwnOrders } from '@sellout/core/orders/view-orders';
import { pageQuerySchema } from '@sellout/core/shared/pagination';
import type { Result } from '@sellout/core/shared/result';
import type { Context } from 'hono';
import type { AppDeps, AppEnv } from '../app-deps';
import { sendFailure } from '../http/errors';
import { shopperGuards } from '../http/guards';
import { idempotencyClaim, idempotencyHeaders } from '../http/idempotency';
import { answerJson } from '../http/json-answers';
import {
  errorResponses,
  json,
  jsonBody,
  SHOPPER_READ_ERRORS,
  SHOPPER_WRITE_ERRORS,
} from '../http/openapi-helpers';
import type { RateLimits } from '../http/rate-limits';
import { newRouter } from '../http/router';
import { orderView, placedOrderView } from '../http/views';
import { answerInvoice, invoiceResponses } from './invoice-answer';

const security = [{ shopper: [] }];
const placed = json(
  placeOrderJsonSchema,
  'The order, durably stored and PENDING; a replay answers the original.',
);
const checkoutErrors = [
  ...SHOPPER_WRITE_ERRORS,
  'NOT_FOUND',
  'OUT_OF_STOCK',
  'NOT_ON_SALE',
  'PURCHASE_LIMIT_EXCEEDED',
  'IDEMPOTENCY_KEY_REUSED',
] as const;

/** 201 with the order; a replay carries `Idempotent-Replayed: true` and the original body. */
const answerPlaced = (c: Context<AppEnv>, result: Result<PlacedOrder>) => {
  if (!result.ok) return sendFailure(c, result.error);
  const { order, replayed } = result.value;
  c.get('log').info(
    { orderId: order.id, replayed, totalCents: order.totalCents },
    replayed ? 'order replayed' : 'order placed',
  );
  return answerJson(
    c,
    placedOrderView(order),
    201,
    replayed ? { 'Idempotent-Replayed': 'true' } : undefined,
  );
};

export const orderRoutes = (deps: AppDeps, limits: RateLimits) => {
  const shopper = shopperGuards(deps, limits);
  return newRouter()
    .openapi(
      createRoute({
        method: 'post',
        path: '/orders',
        operationId: 'checkOutCart',
        tags: ['orders'],
        summary: 'Check out the whole cart',
        security,
        middleware: shopper,
        request: { headers: idempotencyHeaders, ...jsonBody(cartCheckoutSchema) },
        responses: { 201: placed, ...errorResponses(...checkoutErrors, 'CART_EMPTY') },
      }),
      async (c) => {
        const details = c.req.valid('json');
        const claim = idempotencyClaim(
          c.req.valid('header')['idempotency-key'],
          'POST /api/orders',
          details,
        );
        return answerPlaced(
          c,
          await placeOrderFromCart(deps, { userId: c.get('userId'), details, idempotency: claim }),
        );
      },
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/checkout',
        operationId: 'buyNow',
        tags: ['orders'],
        summary: 'Buy one product now, leaving the cart alone',
        security,
        middleware: shopper,
        request: { headers: idempotencyHeaders, ...jsonBody(buyNowSchema) },
        responses: { 201: placed, ...errorResponses(...checkoutErrors) },
      }),
      async (c) => {
        const details = c.req.valid('json');
        const claim = idempotencyClaim(
          c.req.valid('header')['idempotency-key'],
          'POST /api/checkout',
          details,
        );
        return answerPlaced(
          c,
          await buyNow(deps, { userId: c.get('userId'), details, idempotency: claim }),
        );
      },
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/orders',
        operationId: 'listOrders',
        tags: ['orders'],
        summary: 'Your orders, newest first',
        security,
        middleware: shopper,
        request: { query: pageQuerySchema },
        responses: {
          200: json(orderPageJsonSchema, 'A page of your orders.'),
          ...errorResponses(...SHOPPER_READ_ERRORS, 'VALIDATION_FAILED'),
        },
      }),
      async (c) => {
        const { limit, cursor } = c.req.valid('query');
        const page = await listOwnOrders(deps, c.get('userId'), { limit, after: cursor });
        return answerJson(
          c,
          { items: page.items.map(orderView), nextCursor: page.nextCursor },
          200,
        );
      },
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/orders/{id}',
        operationId: 'getOrder',
        tags: ['orders'],
        summary: 'One of your orders',
        security,
        middleware: shopper,
        request: { params: z.object({ id: z.string() }) },
        responses: {
          200: json(orderJsonSchema, 'The order.'),
          ...errorResponses(...SHOPPER_READ_ERRORS, 'NOT_FOUND'),
        },
      }),
      async (c) => {
        const result = await getOwnOrder(deps, c.get('userId'), c.req.valid('param').id);
        return result.ok
          ? answerJson(c, orderView(result.value), 200)
          : sendFailure(c, result.error);
      },
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/orders/{id}/invoice',
        operationId: 'getOrderInvoice',
        tags: ['orders'],
        summary: 'The invoice of one of your orders, once it is processed',
        security,
        middleware: shopper,
        request: { params: z.object({ id: z.string() }) },
        responses: {
          ...invoiceResponses,
          ...errorResponses(...SHOPPER_READ_ERRORS, 'NOT_FOUND'),
        },
      }),
      async (c) => {
        return answerInvoice(
          c,
          await getOwnInvoice(deps, c.get('userId'), c.req.valid('param').id),
        );
      },
    );
};
