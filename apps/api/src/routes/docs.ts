import { existsSync, readFileSync } from 'node:fs';
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

// Found on first use, not at start: a bundle shipped without these files must still start and
// serve the API; its reference then answers 404. The CDK-built HTTP function carries them
// beside its index.mjs: swagger-ui-dist under node_modules/, this folder's files under docs/.
const swaggerDir = () =>
  dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
const ownDir = () => {
  const inSources = join(import.meta.dirname, '../docs');
  const besideBundle = join(import.meta.dirname, 'docs');
  return existsSync(join(inSources, 'api-docs.html')) ? inSources : besideBundle;
};

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
    content = new Uint8Array(readFileSync(join(ASSETS[name].dir(), name)));
    loaded.set(name, content);
  }
  return content;
};

/** The asset URLs carry the Swagger UI version, so a browser may keep them for a day. */
let html: string | undefined;
const page = () => {
  if (html === undefined) {
    const { version } = JSON.parse(readFileSync(join(swaggerDir(), 'package.json'), 'utf8')) as {
      version: string;
    };
    html = readFileSync(join(ownDir(), 'api-docs.html'), 'utf8').replaceAll('{{version}}', version);
  }
  return html;
};

/** The reference's files, or null where this build does not carry them. */
const shipped = <T>(read: () => T): T | null => {
  try {
    return read();
  } catch {
    return null;
  }
};

export const docsRoutes = () =>
  newRouter()
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
      (c) => {
        const body = shipped(page);
        return body === null ? c.notFound() : c.html(body, 200, { 'Cache-Control': 'no-cache' });
      },
    )
    .get('/docs/:file', (c) => {
      const name = c.req.param('file');
      const content = isAsset(name) ? shipped(() => contentOf(name)) : null;
      if (!isAsset(name) || content === null) return c.notFound();
      return c.body(content, 200, {
        'Content-Type': ASSETS[name].type,
        'Cache-Control': 'public, max-age=86400',
      });
    });
