import { createRoute, z } from '@hono/zod-openapi';
import type { AppDeps } from '../app-deps';
import { errorResponses, json } from '../http/openapi-helpers';
import { newRouter } from '../http/router';

const healthSchema = z.object({ status: z.literal('ok'), time: z.string() }).openapi('Health');

export const healthRoutes = (deps: Pick<AppDeps, 'clock'>) =>
  newRouter().openapi(
    createRoute({
      method: 'get',
      path: '/health',
      operationId: 'getHealth',
      tags: ['meta'],
      summary: 'Liveness, and the server’s clock',
      security: [],
      responses: { 200: json(healthSchema, 'The server is up.'), ...errorResponses() },
    }),
    (c) => c.json({ status: 'ok' as const, time: deps.clock.now().toISOString() }, 200),
  );
