import { createRoute, z } from '@hono/zod-openapi';
import { getProduct } from '@sellout/core/catalog/get-product';
import { listProducts } from '@sellout/core/catalog/list-products';
import { productJsonSchema, productPageJsonSchema } from '@sellout/core/contract/api-responses';
import { pageQuerySchema } from '@sellout/core/shared/pagination';
import type { AppDeps } from '../app-deps';
import { sendFailure } from '../http/errors';
import { answerJson } from '../http/json-answers';
import { errorResponses, json } from '../http/openapi-helpers';
import { newRouter } from '../http/router';

/** The catalog is public, but its stock is live: a cache may keep it only to revalidate it. */
const LIVE_STOCK = 'no-cache';

/** The headers of a product's answer beyond every API answer's (the Node read lane's too). */
export const PRODUCT_ANSWER_HEADERS = { 'Cache-Control': LIVE_STOCK };

/** A page of products, of one category if `category` is given (empty means all). */
export const categoryPageQuerySchema = pageQuerySchema.extend({
  category: z
    .string()
    .max(48)
    .optional()
    .transform((category) => category || null),
});

const listRoute = createRoute({
  method: 'get',
  path: '/products',
  operationId: 'listProducts',
  tags: ['catalog'],
  security: [],
  summary: 'List products, optionally of one category',
  request: {
    query: categoryPageQuerySchema,
  },
  responses: {
    200: json(productPageJsonSchema, 'A page of products in catalog order.'),
    ...errorResponses('VALIDATION_FAILED', 'UNAVAILABLE'),
  },
});

const getRoute = createRoute({
  method: 'get',
  path: '/products/{id}',
  operationId: 'getProduct',
  tags: ['catalog'],
  security: [],
  summary: 'One product with its live stock',
  request: { params: z.object({ id: z.string() }) },
  responses: {
    200: json(productJsonSchema, 'The product.'),
    ...errorResponses('NOT_FOUND', 'UNAVAILABLE'),
  },
});

export const productRoutes = (deps: AppDeps) =>
  newRouter()
    .openapi(listRoute, async (c) => {
      const { limit, cursor, category } = c.req.valid('query');
      const page = await listProducts(deps, { limit, after: cursor, category });
      return answerJson(c, page, 200, { 'Cache-Control': LIVE_STOCK });
    })
    .openapi(getRoute, async (c) => {
      const result = await getProduct(deps, c.req.valid('param').id);
      if (!result.ok) return sendFailure(c, result.error);
      return answerJson(c, result.value, 200, PRODUCT_ANSWER_HEADERS);
    });
