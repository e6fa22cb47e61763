import { createRoute, z } from '@hono/zod-openapi';
import { listProductsWithSales } from '@sellout/core/catalog/list-products';
import { createProduct, patchProduct, restockProduct } from '@sellout/core/catalog/manage-products';
import { newProductSchema, productPatchSchema, restockSchema } from '@sellout/core/catalog/product';
import {
  adminProductPageJsonSchema,
  orderJsonSchema,
  orderPageJsonSchema,
  productJsonSchema,
  retryAcceptedJsonSchema,
} from '@sellout/core/contract/api-responses';
import { cancelOrderByShop } from '@sellout/core/orders/cancel-order';
import { getInvoiceForShop } from '@sellout/core/orders/get-invoice';
import { adminCancelSchema, emailSchema, ORDER_NUMBER } from '@sellout/core/orders/order';
import { retryOrder } from '@sellout/core/orders/retry-order';
import { getOrderForShop, listAllOrders } from '@sellout/core/orders/view-orders';
import { pageQuerySchema } from '@sellout/core/shared/pagination';
import type { AppDeps } from '../app-deps';
import { sendFailure, validationFailed } from '../http/errors';
import { adminGuards } from '../http/guards';
import { answerJson } from '../http/json-answers';
import { ADMIN_ERRORS, BODY_ERRORS, errorResponses, json, jsonBody } from '../http/openapi-helpers';
import { newRouter } from '../http/router';
import { orderView } from '../http/views';
import { answerInvoice, invoiceResponses } from './invoice-answer';
import { categoryPageQuerySchema } from './products';

const security = [{ admin: [] }];
const productParams = z.object({ id: z.string() });
const orderParams = z.object({ id: z.string() });
const adminWriteErrors = [...ADMIN_ERRORS, ...BODY_ERRORS] as const;

/** `?number=`: an order number as people write it (`#k7m2-9qx4` too), in its stored form. */
const orderNumberParam = z
  .string()
  .optional()
  .transform((raw, ctx) => {
    if (raw === undefined || raw.trim() === '') return null;
    const number = raw.trim().replace(/^#/, '').toUpperCase();
    if (ORDER_NUMBER.test(number)) return number;
    ctx.addIssue({ code: 'custom', message: 'number is an order number like K7M2-9QX4' });
    return z.NEVER;
  });

/** `?email=`: one customer's address, matched exactly once trimmed and lower-cased. */
const emailParam = z
  .string()
  .optional()
  .transform((raw, ctx) => {
    if (raw === undefined || raw.trim() === '') return null;
    const parsed = emailSchema.safeParse(raw.trim());
    if (parsed.success) return parsed.data;
    ctx.addIssue({ code: 'custom', message: 'email must be a valid address like ana@example.com' });
    return z.NEVER;
  });

export const adminRoutes = (deps: AppDeps) => {
  const admin = adminGuards(deps);
  return newRouter()
    .openapi(
      createRoute({
        method: 'get',
        path: '/admin/products',
        operationId: 'listProductsWithSales',
        tags: ['admin'],
        summary: 'Every product in catalog order, with its units sold, optionally of one category',
        security,
        middleware: admin,
        request: {
          query: categoryPageQuerySchema,
        },
        responses: {
          200: json(adminProductPageJsonSchema, 'A page of products with their units sold.'),
          ...errorResponses(...ADMIN_ERRORS, 'VALIDATION_FAILED'),
        },
      }),
      async (c) => {
        const { limit, cursor, category } = c.req.valid('query');
        return answerJson(
          c,
          await listProductsWithSales(deps, { limit, after: cursor, category }),
          200,
        );
      },
    )
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
        return result.ok ? answerJson(c, result.value, 201) : sendFailure(c, result.error);
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
        return result.ok ? answerJson(c, result.value, 200) : sendFailure(c, result.error);
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
        return result.ok ? answerJson(c, result.value, 200) : sendFailure(c, result.error);
      },
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/admin/orders',
        operationId: 'listAllOrders',
        tags: ['admin'],
        summary:
          'All orders, newest first, optionally of one status; or the one with a number, or those of one email',
        security,
        middleware: admin,
        request: {
          query: pageQuerySchema.extend({
            status: z
              .enum(['PENDING', 'PROCESSED', 'CANCELLED'], {
                error: 'status is PENDING, PROCESSED or CANCELLED',
              })
              .optional(),
            number: orderNumberParam,
            email: emailParam,
          }),
        },
        responses: {
          200: json(orderPageJsonSchema, 'A page of orders.'),
          ...errorResponses(...ADMIN_ERRORS, 'VALIDATION_FAILED'),
        },
      }),
      async (c) => {
        const { limit, cursor, status, number, email } = c.req.valid('query');
        if (number && email) {
          return sendFailure(
            c,
            validationFailed([
              { path: 'number', message: 'search by number or by email, not both at once' },
            ]),
          );
        }
        const page = await listAllOrders(deps, {
          limit,
          after: cursor,
          status: status ?? null,
          number,
          email,
        });
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
        path: '/admin/orders/{id}',
        operationId: 'getOrderForShop',
        tags: ['admin'],
        summary: 'Any order',
        security,
        middleware: admin,
        request: { params: orderParams },
        responses: {
          200: json(orderJsonSchema, 'The order.'),
          ...errorResponses(...ADMIN_ERRORS, 'NOT_FOUND'),
        },
      }),
      async (c) => {
        const result = await getOrderForShop(deps, c.req.valid('param').id);
        return result.ok
          ? answerJson(c, orderView(result.value), 200)
          : sendFailure(c, result.error);
      },
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/admin/orders/{id}/invoice',
        operationId: 'getOrderInvoiceForShop',
        tags: ['admin'],
        summary: 'The invoice of any order, once it is processed',
        security,
        middleware: admin,
        request: { params: orderParams },
        responses: {
          ...invoiceResponses,
          ...errorResponses(...ADMIN_ERRORS, 'NOT_FOUND'),
        },
      }),
      async (c) => {
        return answerInvoice(c, await getInvoiceForShop(deps, c.req.valid('param').id));
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
        request: { params: orderParams },
        responses: {
          202: json(retryAcceptedJsonSchema, 'Whether the order was re-queued, and its status.'),
          ...errorResponses(...adminWriteErrors, 'NOT_FOUND'),
        },
      }),
      async (c) => {
        const result = await retryOrder(deps, c.req.valid('param').id);
        return result.ok ? answerJson(c, result.value, 202) : sendFailure(c, result.error);
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
        request: { params: orderParams, ...jsonBody(adminCancelSchema) },
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
        return result.ok
          ? answerJson(c, orderView(result.value), 200)
          : sendFailure(c, result.error);
      },
    );
};
