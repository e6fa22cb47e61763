import { createRoute } from '@hono/zod-openapi';
import { healthJsonSchema } from '@sellout/core/contract/api-responses';
import type { AppDeps } from '../app-deps';
import { answerJson } from '../http/json-answers';
import { errorResponses, json } from '../http/openapi-helpers';
import { newRouter } from '../http/router';

export const healthRoutes = (deps: Pick<AppDeps, 'clock'>) =>
  newRouter().openapi(
    createRoute({
      method: 'get',
      path: '/health',
      operationId: 'getHealth',
      tags: ['meta'],
      summary: 'Liveness, and the server’s clock',
      security: [],
      responses: { 200: json(healthJsonSchema, 'The server is up.'), ...errorResponses() },
    }),
    (c) => answerJson(c, { status: 'ok' as const, time: deps.clock.now().toISOString() }, 200),
  );
