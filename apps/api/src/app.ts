import { StoreUnavailableError } from '@sellout/core/shared/store-unavailable-error';
import { HTTPException } from 'hono/http-exception';
import type { AppDeps } from './app-deps';
import { limitBody } from './http/body-limit';
import { CLIENT_CLOSED_REQUEST, isClientAbort } from './http/client-abort';
import { sendFailure, validationFailed } from './http/errors';
import { everyRequest } from './http/every-request';
import { serveOpenApiDocument } from './http/openapi-document';
import { errorResponses } from './http/openapi-helpers';
import { createRateLimits } from './http/rate-limits';
import { newRouter } from './http/router';
import { adminRoutes } from './routes/admin';
import { cartRoutes } from './routes/cart';
import { docsRoutes } from './routes/docs';
import { healthRoutes } from './routes/health';
import { orderRoutes } from './routes/orders';
import { productRoutes } from './routes/products';
import { recommendationRoutes } from './routes/recommendations';
import { sessionRoutes } from './routes/session';

export const MAX_BODY_BYTES = 64 * 1024;
const RETRY_AFTER_SECONDS = 1;

/** The HTTP API of DESIGN §8 under /api, on any runtime Hono supports. */
export const createApp = (deps: AppDeps) => {
  const limits = createRateLimits(deps);
  const app = newRouter();

  app.use('*', everyRequest(deps.logger));
  app.use(
    '/api/*',
    limitBody(MAX_BODY_BYTES, (c) =>
      sendFailure(c, {
        code: 'PAYLOAD_TOO_LARGE',
        message: `Request bodies are limited to ${MAX_BODY_BYTES / 1024} KiB.`,
      }),
    ),
  );

  app
    .route('/api', healthRoutes(deps))
    .route('/api', sessionRoutes(deps, limits))
    .route('/api', productRoutes(deps))
    .route('/api', cartRoutes(deps, limits))
    .route('/api', orderRoutes(deps, limits))
    .route('/api', recommendationRoutes(deps, limits))
    .route('/api', adminRoutes(deps))
    .route('/api', docsRoutes());

  app.openAPIRegistry.registerComponent('securitySchemes', 'shopper', {
    type: 'http',
    scheme: 'bearer',
    description:
      'A guest token from POST /api/session; refused (401) SESSION_TTL_DAYS after it was issued.',
  });
  app.openAPIRegistry.registerComponent('securitySchemes', 'admin', {
    type: 'http',
    scheme: 'bearer',
    description: 'The ADMIN_TOKEN.',
  });
  app.openAPIRegistry.registerPath({
    method: 'get',
    path: '/api/openapi.json',
    operationId: 'getOpenApiDocument',
    tags: ['meta'],
    summary: 'This document: OpenAPI 3.1, generated from the zod schemas',
    security: [],
    responses: {
      200: {
        description: 'The OpenAPI document.',
        content: { 'application/json': { schema: { type: 'object' } } },
      },
      304: {
        description: 'Not modified: the document the client has (`If-None-Match`) is current.',
      },
      ...errorResponses(),
    },
  });
  serveOpenApiDocument(app, '/api/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: 'Sellout API',
      version: '1.0.0',
      description:
        'A store that never oversells. JSON in and out, money in integer cents. Errors are ' +
        '`{"error":{"code","message","details"?}}`; each operation lists the statuses it answers ' +
        'and the codes behind each. A human-readable reference is at /api/docs.',
    },
    // Relative: the document describes the shop that serves it, wherever that is.
    servers: [{ url: '/', description: 'The shop serving this document' }],
    tags: [
      { name: 'meta', description: 'Liveness and this reference.' },
      { name: 'identity', description: 'Guest sessions: no sign-up, the token is the session.' },
      { name: 'catalog', description: 'Products with their live stock.' },
      { name: 'cart', description: 'Your cart, priced from the catalog on every read.' },
      { name: 'orders', description: 'Checkout (idempotent) and your orders.' },
      { name: 'recommendations', description: '"Recommended for you" and what feeds it.' },
      { name: 'admin', description: 'Managing the store, with the ADMIN_TOKEN.' },
    ],
  });

  app.notFound((c) =>
    sendFailure(c, { code: 'NOT_FOUND', message: `Nothing at ${c.req.method} ${c.req.path}.` }),
  );

  app.onError((error, c) => {
    // Nobody is left to answer; the request log records it apart from the server's failures.
    if (isClientAbort(c, error)) return c.body(null, CLIENT_CLOSED_REQUEST);
    if (error instanceof HTTPException && error.status === 415) {
      return sendFailure(c, {
        code: 'UNSUPPORTED_MEDIA_TYPE',
        message: 'Send the body as JSON with "Content-Type: application/json".',
      });
    }
    if (error instanceof HTTPException && error.status === 400) {
      return sendFailure(
        c,
        validationFailed([{ path: '', message: 'the body is not valid JSON' }]),
      );
    }
    if (error instanceof StoreUnavailableError) {
      c.get('log').warn({ err: error }, 'store unavailable');
      return sendFailure(
        c,
        {
          code: 'UNAVAILABLE',
          message: 'The store is busy; please retry in a moment.',
          details: { retryAfterSeconds: RETRY_AFTER_SECONDS },
        },
        { 'Retry-After': String(RETRY_AFTER_SECONDS) },
      );
    }
    const requestIdValue = c.get('requestId');
    c.get('log').error({ err: error }, 'unhandled error');
    return sendFailure(c, {
      code: 'INTERNAL',
      message: `Something went wrong on our side. Quote request id ${requestIdValue} if you report it.`,
      details: { requestId: requestIdValue },
    });
  });

  return app;
};
