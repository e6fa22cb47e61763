import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { createRoute, z } from '@hono/zod-openapi';
import { errorResponses } from '../http/openapi-helpers';
import { newRouter } from '../http/router';

/*
 * GET /api/docs: the API reference, Swagger UI rendering /api/openapi.json. Every file comes
 * from the shop itself (swagger-ui-dist, installed from npm), never from a CDN, and the page has
 * no inline script, so a strict Content-Security-Policy does not break it.
 */

const swaggerDir = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
const ownDir = join(import.meta.dirname, '../docs');
const swaggerVersion = (
  JSON.parse(readFileSync(join(swaggerDir, 'package.json'), 'utf8')) as { version: string }
).version;

const ASSETS = {
  'swagger-ui-bundle.js': { dir: swaggerDir, type: 'text/javascript; charset=utf-8' },
  'swagger-ui.css': { dir: swaggerDir, type: 'text/css; charset=utf-8' },
  'api-docs.js': { dir: ownDir, type: 'text/javascript; charset=utf-8' },
  'api-docs.css': { dir: ownDir, type: 'text/css; charset=utf-8' },
} as const;
type AssetName = keyof typeof ASSETS;
const isAsset = (name: string): name is AssetName => Object.hasOwn(ASSETS, name);

// Read on first use and kept: the bundle is 1.7 MB, and most processes never show the docs.
const loaded = new Map<string, Uint8Array<ArrayBuffer>>();
const contentOf = (name: AssetName) => {
  let content = loaded.get(name);
  if (!content) {
    content = new Uint8Array(readFileSync(join(ASSETS[name].dir, name)));
    loaded.set(name, content);
  }
  return content;
};

/** The asset URLs carry the Swagger UI version, so a browser may keep them for a day. */
const page = () =>
  readFileSync(join(ownDir, 'api-docs.html'), 'utf8').replaceAll('{{version}}', swaggerVersion);

export const docsRoutes = () => {
  const html = page();
  return newRouter()
    .openapi(
      createRoute({
        method: 'get',
        path: '/docs',
        operationId: 'getApiReference',
        tags: ['meta'],
        summary: 'This reference, readable in a browser',
        security: [],
        responses: {
          200: {
            content: { 'text/html': { schema: z.string() } },
            description: 'An HTML page rendering /api/openapi.json.',
          },
          ...errorResponses(),
        },
      }),
      (c) => c.html(html, 200, { 'Cache-Control': 'no-cache' }),
    )
    .get('/docs/:file', (c) => {
      const name = c.req.param('file');
      if (!isAsset(name)) return c.notFound();
      return c.body(contentOf(name), 200, {
        'Content-Type': ASSETS[name].type,
        'Cache-Control': 'public, max-age=86400',
      });
    });
};
