import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { COMPRESS_FROM_BYTES, compressAnswers } from './compress-answers';
import { preferredEncoding } from './content-encoding';

const bigJson = JSON.stringify({
  items: Array.from({ length: 40 }, (_, i) => ({ id: `p_${i}`, name: `Product ${i}` })),
});

const serving =
  (body: string, headers: Record<string, string> = { 'Content-Type': 'application/json' }) =>
  () =>
    new Response(body, { headers });

const ask = (acceptEncoding?: string, method = 'GET') =>
  new Request('http://shop.test/api/products', {
    method,
    headers: acceptEncoding === undefined ? {} : { 'Accept-Encoding': acceptEncoding },
  });

describe('compressed answers of the Node server', () => {
  it('sends JSON of 1 KiB and more as brotli or gzip, as asked, varying by Accept-Encoding', async () => {
    const fetch = compressAnswers(serving(bigJson));
    const br = await fetch(ask('gzip, deflate, br'));
    expect(br.headers.get('Content-Encoding')).toBe('br');
    expect(br.headers.get('Vary')).toBe('Accept-Encoding');
    const brBytes = Buffer.from(await br.arrayBuffer());
    expect(Number(br.headers.get('Content-Length'))).toBe(brBytes.byteLength);
    expect(brotliDecompressSync(brBytes).toString()).toBe(bigJson);

    const gz = await fetch(ask('gzip'));
    expect(gz.headers.get('Content-Encoding')).toBe('gzip');
    expect(gunzipSync(Buffer.from(await gz.arrayBuffer())).toString()).toBe(bigJson);
  });

  it('sends the body as it is to a client that accepts no encoding, still varying', async () => {
    const plain = await compressAnswers(serving(bigJson))(ask());
    expect(plain.headers.has('Content-Encoding')).toBe(false);
    expect(plain.headers.get('Vary')).toBe('Accept-Encoding');
    expect(await plain.text()).toBe(bigJson);
  });

  it('leaves small answers, binary files, already-encoded and HEAD answers alone', async () => {
    const small = JSON.stringify({ status: 'ok' });
    expect(small.length).toBeLessThan(COMPRESS_FROM_BYTES);
    const tiny = await compressAnswers(serving(small))(ask('br'));
    expect(tiny.headers.has('Content-Encoding')).toBe(false);
    expect(await tiny.text()).toBe(small);

    const png = await compressAnswers(serving(bigJson, { 'Content-Type': 'image/png' }))(ask('br'));
    expect(png.headers.has('Content-Encoding')).toBe(false);

    const encoded = await compressAnswers(
      serving('already', { 'Content-Type': 'text/javascript', 'Content-Encoding': 'gzip' }),
    )(ask('br'));
    expect(encoded.headers.get('Content-Encoding')).toBe('gzip');
    expect(await encoded.text()).toBe('already');

    const head = await compressAnswers(serving(bigJson))(ask('br', 'HEAD'));
    expect(head.headers.has('Content-Encoding')).toBe(false);
  });

  it('keeps the status and the other headers', async () => {
    const fetch = compressAnswers(
      () =>
        new Response(bigJson, {
          status: 409,
          headers: { 'Content-Type': 'application/json', 'X-Request-Id': 'r-1', Vary: 'Origin' },
        }),
    );
    const answer = await fetch(ask('br'));
    expect(answer.status).toBe(409);
    expect(answer.headers.get('X-Request-Id')).toBe('r-1');
    expect(answer.headers.get('Vary')).toBe('Origin, Accept-Encoding');
  });
});

describe('the encoding a client prefers', () => {
  it.each([
    ['gzip, deflate, br, zstd', 'br'],
    ['gzip', 'gzip'],
    ['br;q=0, gzip', 'gzip'],
    ['gzip;q=1, br;q=0.5', 'gzip'],
    ['*', 'br'],
    ['identity', null],
    ['gzip;q=0', null],
    ['', null],
  ])('%j → %s', (header, expected) => {
    expect(preferredEncoding(header)).toBe(expected);
  });
});
