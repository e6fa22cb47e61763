import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import { builtAnswerSize } from '../http/json-answers';
import {
  type Encoding,
  isCompressible,
  preferredEncoding,
  varyOnEncoding,
} from './content-encoding';

/** Below this, compression saves less than its headers and CPU cost. */
export const COMPRESS_FROM_BYTES = 1024;
/** Answers are compressed in memory; anything larger goes out as it is. */
const COMPRESS_UP_TO_BYTES = 8 * 1024 * 1024;

const compressors: Record<Encoding, (body: Uint8Array) => Promise<Buffer>> = {
  // Quality 4: close to gzip's speed with brotli's smaller output, for answers made per request.
  br: (body) =>
    promisify(brotliCompress)(body, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: 4,
        [constants.BROTLI_PARAM_SIZE_HINT]: body.byteLength,
      },
    }),
  gzip: (body) => promisify(gzip)(body, { level: 6 }),
};

// Cheap checks only: on Node, asking an answer for its `body` turns the adapter's lightweight
// Response into a full one, which costs more than many an answer.
const leftAsIs = (request: Request, response: Response) =>
  request.method === 'HEAD' ||
  response.status < 200 ||
  response.status === 204 ||
  response.status === 206 ||
  response.headers.has('Content-Encoding') ||
  !isCompressible(response.headers.get('Content-Type')) ||
  /(^|,)\s*no-transform\s*(,|$)/i.test(response.headers.get('Cache-Control') ?? '');

/**
 * Compresses the answers of the Node server that are text and at least 1 KiB — JSON answers,
 * and files that have no compressed copy beside them — with brotli or gzip as the client
 * accepts. Built storefront files come pre-compressed (`Content-Encoding` already set) and go
 * through untouched, and so do WebSocket upgrades, which never reach `fetch`.
 */
export const compressAnswers =
  <Rest extends unknown[]>(
    fetch: (request: Request, ...rest: Rest) => Response | Promise<Response>,
  ) =>
  async (request: Request, ...rest: Rest): Promise<Response> => {
    const response = await fetch(request, ...rest);
    // An API answer built whole (`answerJson`) already varies by Accept-Encoding; a small one
    // goes out without its headers being read at all.
    const built = builtAnswerSize(response);
    if (built !== undefined && built < COMPRESS_FROM_BYTES) return response;
    if (leftAsIs(request, response)) return response;
    const encoding = preferredEncoding(request.headers.get('Accept-Encoding'));
    // A client that takes no encoding (most API clients, load generators) gets the answer
    // untouched — reading it only to copy it was a large part of a small answer's cost —
    // varying by Accept-Encoding like an answer that could have been compressed.
    if (!encoding) {
      varyOnEncoding(response.headers);
      return response;
    }
    if (!response.body) return response;
    const declared = Number(response.headers.get('Content-Length') ?? Number.NaN);
    if (declared < COMPRESS_FROM_BYTES || declared > COMPRESS_UP_TO_BYTES) return response;

    const body = new Uint8Array(await response.arrayBuffer());
    const headers = new Headers(response.headers);
    const answer = (content: Uint8Array) => {
      headers.set('Content-Length', String(content.byteLength));
      return new Response(content, {
        status: response.status,
        statusText: response.statusText,
        headers,
      });
    };
    if (body.byteLength < COMPRESS_FROM_BYTES || body.byteLength > COMPRESS_UP_TO_BYTES) {
      return answer(body);
    }
    varyOnEncoding(headers);
    headers.set('Content-Encoding', encoding);
    const etag = headers.get('ETag');
    if (etag && !etag.startsWith('W/')) headers.set('ETag', `W/${etag}`);
    return answer(await compressors[encoding](body));
  };
