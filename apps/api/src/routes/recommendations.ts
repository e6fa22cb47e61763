import { createRoute, z } from '@hono/zod-openapi';
import {
  eventAcceptedJsonSchema,
  recommendationsJsonSchema,
} from '@sellout/core/contract/api-responses';
import { trackEventSchema } from '@sellout/core/recommendations/interaction';
import {
  recommendProducts,
  recordInteraction,
} from '@sellout/core/recommendations/recommend-products';
import { limitParam } from '@sellout/core/shared/pagination';
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
const MAX_RECOMMENDATIONS = 24;

export const recommendationRoutes = (deps: AppDeps, limits: RateLimits) => {
  const shopper = shopperGuards(deps, limits);
  return newRouter()
    .openapi(
      createRoute({
        method: 'post',
        path: '/events',
        operationId: 'recordEvent',
        tags: ['recommendations'],
        summary: 'Record a product view, add-to-cart or purchase for "recommended for you"',
        security,
        middleware: shopper,
        request: jsonBody(trackEventSchema),
        responses: {
          202: json(eventAcceptedJsonSchema, 'Recorded.'),
          ...errorResponses(...SHOPPER_WRITE_ERRORS, 'NOT_FOUND'),
        },
      }),
      async (c) => {
        const result = await recordInteraction(deps, c.get('userId'), c.req.valid('json'));
        return result.ok ? answerJson(c, result.value, 202) : sendFailure(c, result.error);
      },
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/recommendations',
        operationId: 'getRecommendations',
        tags: ['recommendations'],
        summary: 'Products for you: your top category, or the best-sellers',
        security,
        middleware: shopper,
        request: {
          query: z.object({
            limit: limitParam(4, MAX_RECOMMENDATIONS),
          }),
        },
        responses: {
          200: json(
            recommendationsJsonSchema,
            'Recommended products, in stock and not bought yet.',
          ),
          ...errorResponses(...SHOPPER_READ_ERRORS, 'VALIDATION_FAILED'),
        },
      }),
      async (c) =>
        answerJson(
          c,
          await recommendProducts(deps, c.get('userId'), c.req.valid('query').limit),
          200,
        ),
    );
};
