import type {
  APIGatewayProxyEventV2,
  APIGatewayProxyStructuredResultV2,
  Context as LambdaContext,
} from 'aws-lambda';
import type { Context } from 'hono';
import { handle } from 'hono/aws-lambda';
import { createApp } from '../app';
import { buildAppDeps, type RuntimeParts } from '../wiring/build-deps';

/** What hono/aws-lambda hands the app as `c.env` for an HTTP API (v2) event. */
type LambdaBindings = { event?: APIGatewayProxyEventV2 };

/**
 * The caller's address as API Gateway saw it: `requestContext.http.sourceIp` is the TCP peer
 * of API Gateway (behind CloudFront, CloudFront's edge address; the viewer's is in
 * CloudFront-Viewer-Address, which the CDK stack forwards when it wants per-viewer limits).
 */
export const lambdaClientAddress = (c: Context) =>
  (c.env as LambdaBindings | undefined)?.event?.requestContext?.http?.sourceIp ?? 'unknown';

export type HttpHandler = (
  event: APIGatewayProxyEventV2,
  context?: LambdaContext,
) => Promise<APIGatewayProxyStructuredResultV2>;

/**
 * The Node server's app, answering API Gateway HTTP API (payload 2.0) events: the same
 * routes, validation, errors and OpenAPI document, built by the same buildAppDeps.
 */
export const createHttpHandler = (
  parts: RuntimeParts & { secrets: { adminToken: string; sessionSecret: string } },
): HttpHandler => {
  const app = createApp(buildAppDeps({ ...parts, clientAddress: lambdaClientAddress }));
  const run = handle(app);
  return async (event, context) => {
    // Hono declares its own event types, stricter than the events API Gateway sends (an
    // `authorizer` on every request context, `body: string | null`); this one is real.
    const result = await run(
      { ...event, body: event.body ?? null } as unknown as Parameters<typeof run>[0],
      context,
    );
    return {
      statusCode: result.statusCode,
      // Payload 2.0 answers carry one value per header, and set-cookie lines as `cookies`.
      headers: result.headers as Record<string, string>,
      body: result.body,
      isBase64Encoded: result.isBase64Encoded,
      ...(result.cookies && { cookies: result.cookies }),
    };
  };
};
