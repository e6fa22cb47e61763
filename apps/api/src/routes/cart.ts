import { createRoute, z } from '@hono/zod-openapi';
import { addToCartSchema, setCartQuantitySchema } from '@sellout/core/carts/cart';
import {
  addToCart,
  getCart,
  removeFromCart,
  setCartQuantity,
} from '@sellout/core/carts/manage-cart';
import { cartJsonSchema } from '@sellout/core/contract/api-responses';
import type { AppDeps } from '../app-deps';
import { sendFailure } from '../http/errors';
import { shopperGuards } from '../http/guards';
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

const security = [{ shopper: [] }];
const itemParams = z.object({ productId: z.string() });
const cartResponse = json(cartJsonSchema, 'The cart, priced from the catalog now.');

export const cartRoutes = (deps: AppDeps, limits: RateLimits) => {
  const shopper = shopperGuards(deps, limits);
  return newRouter()
    .openapi(
      createRoute({
        method: 'get',
        path: '/cart',
        operationId: 'getCart',
        tags: ['cart'],
        summary: 'Your cart',
        security,
        middleware: shopper,
        responses: { 200: cartResponse, ...errorResponses(...SHOPPER_READ_ERRORS) },
      }),
      async (c) => answerJson(c, await getCart(deps, c.get('userId')), 200),
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/cart',
        operationId: 'addToCart',
        tags: ['cart'],
        summary: 'Add units of a product to your cart',
        security,
        middleware: shopper,
        request: jsonBody(addToCartSchema),
        responses: {
          200: cartResponse,
          ...errorResponses(...SHOPPER_WRITE_ERRORS, 'NOT_FOUND'),
        },
      }),
      async (c) => {
        const result = await addToCart(deps, c.get('userId'), c.req.valid('json'));
        return result.ok ? answerJson(c, result.value, 200) : sendFailure(c, result.error);
      },
    )
    .openapi(
      createRoute({
        method: 'put',
        path: '/cart/items/{productId}',
        operationId: 'setCartItemQuantity',
        tags: ['cart'],
        summary: 'Set the quantity of a line (0 removes it)',
        security,
        middleware: shopper,
        request: { params: itemParams, ...jsonBody(setCartQuantitySchema) },
        responses: {
          200: cartResponse,
          ...errorResponses(...SHOPPER_WRITE_ERRORS, 'NOT_FOUND'),
        },
      }),
      async (c) => {
        const { productId } = c.req.valid('param');
        const result = await setCartQuantity(
          deps,
          c.get('userId'),
          productId,
          c.req.valid('json').quantity,
        );
        return result.ok ? answerJson(c, result.value, 200) : sendFailure(c, result.error);
      },
    )
    .openapi(
      createRoute({
        method: 'delete',
        path: '/cart/items/{productId}',
        operationId: 'removeCartItem',
        tags: ['cart'],
        summary: 'Remove a line (also fine when it is not there)',
        security,
        middleware: shopper,
        request: { params: itemParams },
        responses: { 200: cartResponse, ...errorResponses(...SHOPPER_WRITE_ERRORS) },
      }),
      async (c) =>
        answerJson(
          c,
          await removeFromCart(deps, c.get('userId'), c.req.valid('param').productId),
          200,
        ),
    );
};
