import { existsSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import type { Hono } from 'hono';
import type { AppEnv } from '../app-deps';
import { isApiPath } from '../http/api-path';
import { isCompressible, varyOnEncoding } from './content-encoding';

/** Where `npm run build -w @sellout/web` puts the storefront. */
export const WEB_DIST = join(import.meta.dirname, '../../../web/dist');

/**
 * Serves the built storefront beside the API: hashed assets cached for a year, other files for
 * an hour, and index.html (never cached) for every client-side route, so a reload on
 * /products/p_… works. Text files go out as the brotli or gzip copy the build wrote beside them
 * (`x.js.br`, `x.js.gz`) when the client accepts it. Paths under /api are never touched.
 * Returns false when there is no build.
 */
/**
 * Every text file may have compressed copies, so every answer for one varies by Accept-Encoding
 * — the plain one too, or a shared cache could hand it to a client that asked for brotli.
 */
const varyOnCompressedCopies = (response: Response) => {
  if (isCompressible(response.headers.get('Content-Type'))) varyOnEncoding(response.headers);
};

export const mountStaticSite = (app: Hono<AppEnv>, distDir = WEB_DIST) => {
  const indexFile = join(distDir, 'index.html');
  if (!existsSync(indexFile)) return false;
  const indexHtml = readFileSync(indexFile, 'utf8');

  const serveFile = serveStatic<AppEnv>({ root: distDir, precompressed: true });
  const cachePolicy = (path: string) => {
    if (path.startsWith('/assets/')) return 'public, max-age=31536000, immutable';
    // index.html names the current hashed assets: it must be revalidated on every visit.
    if (path.endsWith('/') || path.endsWith('.html')) return 'no-cache';
    return 'public, max-age=3600';
  };

  app.use('*', async (c, next) => {
    if (isApiPath(c.req.path)) return next();
    const found = await serveFile(c, next);
    // serveStatic builds its Response itself, so headers go onto that Response.
    if (found instanceof Response) {
      found.headers.set('Cache-Control', cachePolicy(c.req.path));
      varyOnCompressedCopies(found);
    }
    return found;
  });
  app.get('*', async (c, next) => {
    // A path with a file extension that was not found above is a missing file, not a page.
    if (isApiPath(c.req.path) || extname(c.req.path) !== '') return next();
    c.header('Cache-Control', 'no-cache');
    return c.html(indexHtml);
  });
  return true;
};
