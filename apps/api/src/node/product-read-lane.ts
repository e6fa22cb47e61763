import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Catalog } from '@sellout/core/catalog/catalog-port';
import { getProduct } from '@sellout/core/catalog/get-product';
import type { Logger } from 'pino';
import { CLIENT_CLOSED_REQUEST } from '../http/client-abort';
import { requestIdOf } from '../http/every-request';
import { apiAnswerHeaders, REQUEST_ID_HEADER } from '../http/json-answers';
import { requestLine } from '../http/request-log';
import { PRODUCT_ANSWER_HEADERS } from '../routes/products';
import { COMPRESS_FROM_BYTES } from './compress-answers';

/** `GET /api/products/:id` with a plain id and maybe a query, which the route ignores. */
const PRODUCT_READ = /^\/api\/products\/([A-Za-z0-9_-]{1,100})(?:\?|$)/;
/**
 * A Host the Node adapter takes as it is (its own `reValidHost`): a lower-case name or IPv4, and
 * maybe a port from 1000 to 59999. Any other it checks, and may refuse (400).
 */
const PLAIN_HOST = /^[a-z0-9._-]+(?::(?:[1-5]\d{3,4}|[6-9]\d{3}))?$/;
const REQUEST_ID = REQUEST_ID_HEADER.toLowerCase();

export type Listener = (incoming: IncomingMessage, outgoing: ServerResponse) => void;

/**
 * The caller's request id (undefined when absent or given twice) if the request is one the lane
 * may answer: one plain Host, and no body. Read from the raw headers, which costs less than the
 * object Node builds on first asking for `headers`.
 */
const plainRequest = (raw: string[]): { callers: string | undefined } | null => {
  let host: string | undefined;
  let callers: string | undefined;
  let callersSeen = 0;
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i]!;
    const length = name.length;
    if (length === 4 && name.toLowerCase() === 'host') {
      if (host !== undefined) return null;
      host = raw[i + 1]!;
    } else if (length === REQUEST_ID.length && name.toLowerCase() === REQUEST_ID) {
      callers = raw[i + 1];
      callersSeen++;
    } else if (
      (length === 14 && name.toLowerCase() === 'content-length') ||
      (length === 17 && name.toLowerCase() === 'transfer-encoding')
    ) {
      return null;
    }
  }
  if (host === undefined || !PLAIN_HOST.test(host)) return null;
  return { callers: callersSeen === 1 ? callers : undefined };
};

/**
 * The Node server's answer to the flash sale's most asked question, "how many are left?":
 * `GET /api/products/:id` for a product that exists, answered straight from the catalog with the
 * route's own body and headers (ADR 82). Going through the adapter's Request, Hono's
 * composition and the route's validators cost the read about 30 % of its CPU, with nothing to
 * validate in a plain id. Anything else — another path or method, an id or Host the adapter
 * would check, a body, an unknown product, an answer large enough to compress, a store that
 * fails — goes to `app` untouched, which answers it as always; `product-read-lane.test.ts`
 * holds the two answers side by side.
 */
export const productReadLane =
  (deps: { catalog: Catalog }, logger: Logger, app: Listener): Listener =>
  (incoming, outgoing) => {
    const url = incoming.url ?? '';
    const match = incoming.method === 'GET' ? PRODUCT_READ.exec(url) : null;
    const plain = match === null ? null : plainRequest(incoming.rawHeaders);
    if (match === null || plain === null) {
      app(incoming, outgoing);
      return;
    }
    const started = performance.now();
    getProduct(deps, match[1]!).then(
      (result) => {
        const text = result.ok ? JSON.stringify(result.value) : '';
        const length = Buffer.byteLength(text);
        if (!result.ok || length >= COMPRESS_FROM_BYTES) {
          app(incoming, outgoing);
          return;
        }
        const id = requestIdOf(plain.callers);
        // A client that hung up is logged as the app logs it, and nothing is written.
        const hungUp = outgoing.destroyed;
        if (!hungUp) {
          const headers = apiAnswerHeaders(id, PRODUCT_ANSWER_HEADERS);
          headers['Content-Length'] = String(length);
          outgoing.writeHead(200, headers);
          outgoing.end(text);
        }
        if (logger.isLevelEnabled('info')) {
          const path = match[0].endsWith('?') ? match[0].slice(0, -1) : match[0];
          const line = requestLine('GET', path, 200, started);
          logger.info(
            hungUp
              ? { reqId: id, ...line, status: CLIENT_CLOSED_REQUEST, aborted: true }
              : { reqId: id, ...line },
            'request',
          );
        }
      },
      () => app(incoming, outgoing),
    );
  };
