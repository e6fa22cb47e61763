import { brotliDecompressSync } from 'node:zlib';
import { Hono } from 'hono';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import type { AppEnv } from '../app-deps';
import { COMPRESS_FROM_BYTES, compressAnswers } from '../node/compress-answers';
import { everyRequest } from './every-request';
import { answerJson, builtAnswerSize } from './json-answers';

const small = { id: 'p_1', name: 'Kettle', stock: 3 };
const large = {
  items: Array.from({ length: 60 }, (_, i) => ({ id: `p_${i}`, name: `Item ${i}` })),
};

/** Routes answering the same body built whole and by `c.json()`, as the shop's layers serve them. */
const shop = () => {
  const app = new Hono<AppEnv>();
  app.use('*', everyRequest(pino({ level: 'silent' })));
  app.get('/api/built', (c) => answerJson(c, small, 200));
  app.get('/api/dressed', (c) => c.json(small, 200));
  app.get('/api/large', (c) => answerJson(c, large, 200));
  app.get('/api/cached', (c) =>
    answerJson(c, small, 200, { 'Cache-Control': 'no-cache', 'Idempotent-Replayed': 'true' }),
  );
  app.get('/api/touched', (c) => {
    c.header('X-Early', 'set before the answer');
    void c.res; // Hono now keeps a Response of its own and copies it onto the answer.
    return answerJson(c, small, 200);
  });
  app.get('/page', (c) => answerJson(c, small, 404));
  return compressAnswers(app.fetch);
};

const ask = (path: string, headers: Record<string, string> = {}) =>
  shop()(
    new Request(`http://shop.test${path}`, { headers: { 'X-Request-Id': 'req-1', ...headers } }),
  );

const headersOf = (response: Response) => Object.fromEntries(response.headers.entries());

describe('an API answer built whole', () => {
  it('carries exactly the headers the layers give an answer made by c.json()', async () => {
    const built = await ask('/api/built');
    const dressed = await ask('/api/dressed');
    expect(headersOf(built)).toEqual(headersOf(dressed));
    expect(headersOf(built)).toMatchObject({
      'content-type': 'application/json',
      'cache-control': 'no-store',
      'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'DENY',
      'x-request-id': 'req-1',
      vary: 'Accept-Encoding',
    });
    expect(await built.json()).toEqual(small);
  });

  it('takes the route’s Cache-Control and headers, never its request id', async () => {
    const answer = await ask('/api/cached');
    expect(answer.headers.get('cache-control')).toBe('no-cache');
    expect(answer.headers.get('idempotent-replayed')).toBe('true');
    expect(answer.headers.get('x-request-id')).toBe('req-1');
  });

  it('goes out untouched when small, and compressed once when large and the client asks', async () => {
    const tiny = await ask('/api/built', { 'Accept-Encoding': 'br' });
    expect(tiny.headers.has('content-encoding')).toBe(false);
    expect(builtAnswerSize(tiny)).toBe(JSON.stringify(small).length);

    const big = await ask('/api/large', { 'Accept-Encoding': 'br' });
    expect(JSON.stringify(large).length).toBeGreaterThan(COMPRESS_FROM_BYTES);
    expect(big.headers.get('content-encoding')).toBe('br');
    expect(big.headers.get('vary')).toBe('Accept-Encoding');
    expect(big.headers.get('x-request-id')).toBe('req-1');
    const body = brotliDecompressSync(Buffer.from(await big.arrayBuffer())).toString();
    expect(JSON.parse(body)).toEqual(large);
  });

  it('is dressed like any other when Hono had to copy it into an answer of its own', async () => {
    const answer = await ask('/api/touched');
    expect(answer.headers.get('x-early')).toBe('set before the answer');
    expect(answer.headers.get('x-request-id')).toBe('req-1');
    expect(answer.headers.get('cache-control')).toBe('no-store');
    expect(answer.headers.get('x-frame-options')).toBe('DENY');
  });

  it('is made by c.json() outside the API, with the storefront’s headers', async () => {
    const page = await ask('/page');
    expect(page.status).toBe(404);
    expect(builtAnswerSize(page)).toBeUndefined();
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(page.headers.get('x-request-id')).toBe('req-1');
  });
});
