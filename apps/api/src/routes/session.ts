import { createRoute, z } from '@hono/zod-openapi';
import { createGuestUser } from '@sellout/core/sessions/create-session';
import type { AppDeps } from '../app-deps';
import type { RateLimits } from '../http/rate-limits';
import { newRouter } from '../http/router';
import { errorResponses, json } from '../http/schemas';

const sessionSchema = z
  .object({
    token: z.string(),
    userId: z.string().openapi({ example: 'u_01JD3X7Q8R2M4N6P8Q0R2S4T6V' }),
  })
  .openapi('Session');

export const sessionRoutes = (deps: AppDeps, limits: RateLimits) =>
  newRouter().openapi(
    createRoute({
      method: 'post',
      path: '/session',
      tags: ['identity'],
      summary: 'Create a guest shopper and its bearer token',
      middleware: [limits.newSession] as const,
      responses: {
        201: json(sessionSchema, 'A new guest shopper.'),
        ...errorResponses('RATE_LIMITED'),
      },
    }),
    (c) => {
      const { userId } = createGuestUser(deps);
      c.get('log').info({ userId }, 'guest session created');
      return c.json({ token: deps.tokens.issue(userId), userId }, 201);
    },
  );
