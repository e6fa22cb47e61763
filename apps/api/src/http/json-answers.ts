import type { Context, TypedResponse } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { JSONParsed } from 'hono/utils/types';
import { isApiPath } from './api-path';
import { API_CACHE_CONTROL, apiHeaders } from './security-headers';

/** The header carrying the request's id on its answer (and, from a caller, on the request). */
export const REQUEST_ID_HEADER = 'X-Request-Id';

/** An answer typed as `c.json()` types it, so `.openapi()` routes check it against their schema. */
export type JsonAnswer<T, U extends ContentfulStatusCode> = Response &
  TypedResponse<JSONParsed<T>, U, 'json'>;

/** The API answers built whole here, with the size of their body in bytes. */
const builtAnswers = new WeakMap<Response, number>();

/**
 * The body size of an API answer `answerJson` built with every header it needs (security,
 * cache, request id, `Vary`), or undefined for any other answer — which `everyRequest` dresses.
 */
export const builtAnswerSize = (response: Response) => builtAnswers.get(response);

/**
 * Every header of a JSON answer to an API request with id `requestId`: `headers` may set
 * Cache-Control (else `no-store`) and any header of the route's own.
 */
export const apiAnswerHeaders = (
  requestId: string,
  headers?: Record<string, string>,
): Record<string, string> => ({
  'Content-Type': 'application/json',
  ...apiHeaders,
  'Cache-Control': API_CACHE_CONTROL,
  // Compressed or not, an answer of this path varies by it (node/compress-answers.ts).
  Vary: 'Accept-Encoding',
  ...headers,
  [REQUEST_ID_HEADER]: requestId,
});

/**
 * A JSON answer to an API request with all its headers in one plain object: on Node the
 * adapter's lightweight Response then goes out as built, where headers added one by one
 * afterwards (`c.header()`, `c.res.headers.set()`) turn it into undici `Headers` and back, which
 * cost a product read about a quarter of its time (ADR 41). `headers` may set Cache-Control
 * (else `no-store`) and any header of the route's own; headers set earlier with `c.header()`
 * are not carried, so a route using this passes its headers here. Answers outside the API (a
 * storefront path's 404) are made by `c.json()` and dressed as before.
 */
export const answerJson = <T extends object, U extends ContentfulStatusCode>(
  c: Context,
  body: T,
  status: U,
  headers?: Record<string, string>,
): JsonAnswer<T, U> => {
  if (!isApiPath(c.req.path)) return c.json(body, status, headers) as JsonAnswer<T, U>;
  const text = JSON.stringify(body);
  const answer = new Response(text, {
    status,
    headers: apiAnswerHeaders(c.get('requestId'), headers),
  });
  builtAnswers.set(answer, Buffer.byteLength(text));
  return answer as JsonAnswer<T, U>;
};
