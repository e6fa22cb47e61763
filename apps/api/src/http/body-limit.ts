import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';

/**
 * Refuses request bodies over `maxBytes`, like Hono's `bodyLimit`, but without building the
 * runtime's full `Request` for every request just to ask whether it has a body: on Node that
 * object (a web stream, an AbortSignal, undici headers) cost more than the rest of a catalog
 * read. A declared `Content-Length` is checked as it is (Node's parser holds the client to
 * it); a chunked body is counted as it streams in, by Hono's own middleware.
 */
export const limitBody = (
  maxBytes: number,
  onTooLarge: (c: Context) => Response | Promise<Response>,
): MiddlewareHandler => {
  const streaming = bodyLimit({ maxSize: maxBytes, onError: onTooLarge });
  return async (c, next) => {
    const method = c.req.method;
    if (method === 'GET' || method === 'HEAD') return next();
    const chunked = c.req.header('Transfer-Encoding') !== undefined;
    const declared = c.req.header('Content-Length');
    if (chunked) return streaming(c, next);
    // A length that is no number (Node's parser refuses one; a Lambda event may not) is not
    // trusted: the body is counted as it streams.
    if (declared !== undefined && !Number.isFinite(Number(declared))) return streaming(c, next);
    if (declared !== undefined) return Number(declared) > maxBytes ? onTooLarge(c) : next();
    // Neither header: on HTTP/1.1 there is no body; elsewhere (a Lambda event) it is already
    // in memory. Reading it keeps it for the handlers.
    const body = await c.req.arrayBuffer();
    return body.byteLength > maxBytes ? onTooLarge(c) : next();
  };
};
