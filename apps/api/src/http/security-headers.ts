import type { Context } from 'hono';
import { isApiPath } from './api-path';

/** A Host header as browsers send it: a name or an IP (v6 in brackets), and maybe a port. */
const HOST = /^(?:[a-z0-9-]+(?:\.[a-z0-9-]+)*|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i;

/**
 * The storefront's policy (docs/decisions/0025): scripts and styles only from the shop's own
 * files (the build has no inline ones), product images from the shop or any https: host
 * (`imageUrl` may be absolute), and connections back to the shop — its live socket named
 * explicitly, since not every browser counts ws:/wss: as 'self'.
 */
const pagePolicy = (host: string | undefined) =>
  [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' https:",
    "font-src 'self'",
    host && HOST.test(host)
      ? `connect-src 'self' ws://${host} wss://${host}`
      : "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');

/** API answers are data, never a document: nothing in one may run or be framed. */
const API_POLICY = "default-src 'none'; frame-ancestors 'none'";

const EVERYWHERE = {
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  // Order pages have ids in their paths; other sites (image hosts) learn nothing from them.
  'Referrer-Policy': 'same-origin',
};

/**
 * The storefront's headers for a page or file served under `host`. The CDN in front of the
 * shop on AWS (apps/infra) sends these same ones, taken from here.
 */
export const storefrontHeaders = (host: string | undefined): Record<string, string> => ({
  ...EVERYWHERE,
  'Content-Security-Policy': pagePolicy(host),
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=()',
});

/** The headers of every API answer (Cache-Control apart: routes may opt in to caching). */
export const apiHeaders: Record<string, string> = {
  ...EVERYWHERE,
  'Content-Security-Policy': API_POLICY,
  'Cross-Origin-Resource-Policy': 'same-origin',
};

/** An API answer's Cache-Control unless its route opts in to caching. */
export const API_CACHE_CONTROL = 'no-store';

const API_HEADERS = Object.entries(apiHeaders);

/**
 * Security and cache headers on an answer, the storefront's and the API's, errors included.
 * API answers are `no-store` unless their route says otherwise: most carry a token, a cart, an
 * order or an address, and only the public catalog and the API document opt in to caching.
 */
export const setSecurityHeaders = (c: Context) => {
  const headers = c.res.headers;
  if (isApiPath(c.req.path)) {
    for (const [name, value] of API_HEADERS) headers.set(name, value);
    if (!headers.has('Cache-Control')) headers.set('Cache-Control', API_CACHE_CONTROL);
    return;
  }
  for (const [name, value] of Object.entries(storefrontHeaders(c.req.header('Host')))) {
    headers.set(name, value);
  }
};
