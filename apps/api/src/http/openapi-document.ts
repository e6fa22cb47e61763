import { createHash } from 'node:crypto';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../app-deps';

type DocumentConfig = Parameters<OpenAPIHono<AppEnv>['getOpenAPI31Document']>[0];

/**
 * Serves the OpenAPI 3.1 document of `app` at `path`. Generating it walks every zod schema
 * (about 5 ms of CPU), and anyone may ask for it, so it is built on the first request — when
 * every route is registered — and that text is served from then on, with an ETag so a client
 * that has it gets a 304.
 */
export const serveOpenApiDocument = (
  app: OpenAPIHono<AppEnv>,
  path: string,
  config: DocumentConfig,
) => {
  let built: { text: string; etag: string } | null = null;
  const document = () => {
    if (built) return built;
    const text = JSON.stringify(app.getOpenAPI31Document(config));
    built = { text, etag: `"${createHash('sha256').update(text).digest('base64url')}"` };
    return built;
  };
  app.get(path, (c) => {
    const { text, etag } = document();
    c.header('ETag', etag);
    c.header('Cache-Control', 'no-cache');
    if (c.req.header('If-None-Match') === etag) return c.body(null, 304);
    return c.body(text, 200, { 'Content-Type': 'application/json' });
  });
};
