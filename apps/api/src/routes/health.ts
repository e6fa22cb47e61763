import { createRoute, z } from '@hono/zod-openapi';
import type { AppDeps } from '../app-deps';
import { json } from '../http/openapi-helpers';
import { newRouter } from '../http/router';

const healthSchema = z.object({ status: z.literal('ok'), time: z.string() }).openapi('Health');

export const healthRoutes = (deps: Pick<AppDeps, 'clock'>) =>
  newRouter().openapi(
    createRoute({
      method: 'get',
      path: '/health',
      tags: ['meta'],
      summary: 'Liveness',
      responses: { 200: json(healthSchema, 'The server is up.') },
    }),
    (c) => c.json({ status: 'ok' as const, time: deps.clock.now().toISOString() }, 200),
  );
