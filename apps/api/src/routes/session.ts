import { createRoute } from '@hono/zod-openapi';
import { sessionJsonSchema } from '@sellout/core/contract/api-responses';
import { createGuestUser } from '@sellout/core/sessions/create-session';
import type { AppDeps } from '../app-deps';
import { answerJson } from '../http/json-answers';
import { errorResponses, json } from '../http/openapi-helpers';
import type { RateLimits } from '../http/rate-limits';
import { newRouter } from '../http/router';

export const sessionRoutes = (deps: AppDeps, limits: RateLimits) =>
  newRouter().openapi(
    createRoute({
      method: 'post',
      path: '/session',
      operationId: 'createSession',
      tags: ['identity'],
      summary: 'Create a guest shopper and its bearer token',
      security: [],
      middleware: [limits.newSession] as const,
      responses: {
        201: json(sessionJsonSchema, 'A new guest shopper.'),
        ...errorResponses('PAYLOAD_TOO_LARGE', 'RATE_LIMITED'),
      },
    }),
    (c) => {
      const { userId } = createGuestUser(deps);
      c.get('log').info({ userId }, 'guest session created');
      return answerJson(c, { token: deps.tokens.issue(userId), userId }, 201);
    },
  );
