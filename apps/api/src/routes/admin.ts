import { createRoute, z } from '@hono/zod-openapi';
import { createProduct, patchProduct, restockProduct } from '@sellout/core/catalog/manage-products';
import { newProductSchema, productPatchSchema, restockSchema } from '@sellout/core/catalog/product';
import {
  orderJsonSchema,
  orderPageJsonSchema,
  productJsonSchema,
  retryAcceptedJsonSchema,
} from '@sellout/core/contract/api-responses';
import { cancelOrderByShop } from '@sellout/core/orders/cancel-order';
import { adminCancelSchema } from '@sellout/core/orders/order';
import { retryOrder } from '@sellout/core/orders/retry-order';
import { listAllOrders } from '@sellout/core/orders/view-orders';
import { pageQuerySchema } from '@sellout/core/shared/pagination';
import type { AppDeps } from '../app-deps';
import { sendFailure } from '../http/errors';
import { adminGuards } from '../http/guards';
import { ADMIN_ERRORS, BODY_ERRORS, errorResponses, json, jsonBody } from '../http/openapi-helpers';
import { newRouter } from '../http/router';
import { orderView } from '../http/views';

const security = [{ admin: [] }];
const productParams = z.object({ id: z.string() });
const adminWriteErrors = [...ADMIN_ERRORS, ...BODY_ERRORS] as const;

export const adminRoutes = (deps: AppDeps) => {
  const admin = adminGuards(deps);
  return newRouter()
    .openapi(
      createRoute({
        method: 'post',
        path: '/admin/products',
        operationId: 'createProduct',
        tags: ['admin'],
        summary: 'Create a product',
        security,
        middleware: admin,
        request: jsonBody(newProductSchema),
        responses: {
          201: json(productJsonSchema, 'The new product.'),
          ...errorResponses(...adminWriteErrors),
        },
      }),
      async (c) => {
        const result = await createProduct(deps, c.req.valid('json'));
        return result.ok ? c.json(result.value, 201) : sendFailure(c, result.error);
      },
    )
    .openapi(
      createRoute({
        method: 'patch',
        path: '/admin/products/{id}',
        operationId: 'updateProduct',
        tags: ['admin'],
        summary: 'Change product fields (stock goes through restock)',
        security,
        middleware: admin,
        request: { params: productParams, ...jsonBody(productPatchSchema) },
        responses: {
          200: json(productJsonSchema, 'The product.'),
          ...errorResponses(...adminWriteErrors, 'NOT_FOUND'),
        },
      }),
      async (c) => {
        const result = await patchProduct(deps, c.req.valid('param').id, c.req.valid('json'));
        return result.ok ? c.json(result.value, 200) : sendFailure(c, result.error);
      },
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/admin/products/{id}/restock',
        operationId: 'restockProduct',
        tags: ['admin'],
        summary: 'Add units to stock, atomically',
        security,
        middleware: admin,
        request: { params: productParams, ...jsonBody(restockSchema) },
        responses: {
          200: json(productJsonSchema, 'The product.'),
          ...errorResponses(...adminWriteErrors, 'NOT_FOUND'),
        },
      }),
      async (c) => {
        const result = await restockProduct(
          deps,
          c.req.valid('param').id,
          c.req.valid('json').quantity,
        );
        return result.ok ? c.json(result.value, 200) : sendFailure(c, result.error);
      },
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/admin/orders',
        operationId: 'listAllOrders',
        tags: ['admin'],
        summary: 'All orders, newest first, optionally of one status',
        security,
        middleware: admin,
        request: {
          query: pageQuerySchema.extend({
            status: z
              .enum(['PENDING', 'PROCESSED', 'CANCELLED'], {
                error: 'status is PENDING, PROCESSED or CANCELLED',
              })
              .optional(),
          }),
        },
        responses: {
          200: json(orderPageJsonSchema, 'A page of orders.'),
          ...errorResponses(...ADMIN_ERRORS, 'VALIDATION_FAILED'),
        },
      }),
      async (c) => {
        const { limit, cursor, status } = c.req.valid('query');
        const page = await listAllOrders(deps, { limit, after: cursor, status: status ?? null });
        return c.json({ items: page.items.map(orderView), nextCursor: page.nextCursor }, 200);
      },
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/admin/orders/{id}/retry',
        operationId: 'retryOrder',
        tags: ['admin'],
        summary: 'Send a stuck order (its processing was given up on) to the worker again',
        security,
        middleware: admin,
        request: { params: z.object({ id: z.string() }) },
        responses: {
          202: json(retryAcceptedJsonSchema, 'Whether the order was re-queued, and its status.'),
          ...errorResponses(...adminWriteErrors, 'NOT_FOUND'),
        },
      }),
      async (c) => {
        const result = await retryOrder(deps, c.req.valid('param').id);
        return result.ok ? c.json(result.value, 202) : sendFailure(c, result.error);
      },
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/admin/orders/{id}/cancel',
        tags: ['admin'],
        operationId: 'cancelOrder',
        summary: 'Cancel a PENDING order: its stock back, the shopper emailed once',
        security,
        middleware: admin,
        request: { params: z.object({ id: z.string() }), ...jsonBody(adminCancelSchema) },
        responses: {
          200: json(orderJsonSchema, 'The order, now CANCELLED.'),
          ...errorResponses(...adminWriteErrors, 'NOT_FOUND', 'ORDER_NOT_PENDING'),
        },
      }),
      async (c) => {
        const result = await cancelOrderByShop(
          deps,
          c.req.valid('param').id,
          c.req.valid('json').reason,
        );
        return result.ok ? c.json(orderView(result.value), 200) : sendFailure(c, result.error);
      },
    );
};
