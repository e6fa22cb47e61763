import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { newRouter } from '../http/router';
import { mountStaticSite } from './static-site';

const ENTRY = `console.log(${JSON.stringify('the shop '.repeat(200))})`;

const aBuild = () => {
  const dist = mkdtempSync(join(tmpdir(), 'sellout-dist-'));
  mkdirSync(join(dist, 'assets'));
  mkdirSync(join(dist, 'images', 'products'), { recursive: true });
  writeFileSync(join(dist, 'index.html'), '<!doctype html><div id="root"></div>');
  writeFileSync(join(dist, 'assets', 'index-abc123.js'), ENTRY);
  // What the build writes beside each text asset.
  writeFileSync(join(dist, 'assets', 'index-abc123.js.br'), brotliCompressSync(ENTRY));
  writeFileSync(join(dist, 'assets', 'index-abc123.js.gz'), gzipSync(ENTRY));
  writeFileSync(join(dist, 'images', 'products', 'mug.svg'), '<svg/>');
  return dist;
};

const siteWithApi = (dist: string) => {
  const app = newRouter();
  app.get('/api/health', (c) => c.json({ status: 'ok' }));
  expect(mountStaticSite(app, dist)).toBe(true);
  app.notFound((c) => c.json({ error: { code: 'NOT_FOUND', message: 'nothing here' } }, 404));
  return app;
};

describe('the storefront served beside the API', () => {
  it('caches hashed assets for a year and other files for an hour', async () => {
    const app = siteWithApi(aBuild());
    const asset = await app.request('/assets/index-abc123.js');
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const image = await app.request('/images/products/mug.svg');
    expect(image.status).toBe(200);
    expect(image.headers.get('content-type')).toMatch(/^image\/svg\+xml/);
    expect(image.headers.get('cache-control')).toBe('public, max-age=3600');
  });

  it('sends the brotli or gzip copy of a file as the client accepts, varying by Accept-Encoding', async () => {
    const app = siteWithApi(aBuild());
    const asked = (acceptEncoding?: string) =>
      app.request('/assets/index-abc123.js', {
        headers: acceptEncoding ? { 'Accept-Encoding': acceptEncoding } : {},
      });

    const br = await asked('gzip, deflate, br');
    expect(br.headers.get('content-encoding')).toBe('br');
    expect(br.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(br.headers.get('vary')).toBe('Accept-Encoding');
    expect(br.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const brBytes = Buffer.from(await br.arrayBuffer());
    expect(Number(br.headers.get('content-length'))).toBe(brBytes.byteLength);
    expect(brBytes.byteLength).toBeLessThan(ENTRY.length);

    const gz = await asked('gzip');
    expect(gz.headers.get('content-encoding')).toBe('gzip');
    expect(gz.headers.get('vary')).toBe('Accept-Encoding');
    expect(Buffer.from(await gz.arrayBuffer())).toEqual(gzipSync(ENTRY));

    const plain = await asked();
    expect(plain.headers.has('content-encoding')).toBe(false);
    expect(plain.headers.get('vary')).toBe('Accept-Encoding');
    expect(await plain.text()).toBe(ENTRY);
  });

  it('answers every client-side route with index.html, never cached', async () => {
    const app = siteWithApi(aBuild());
    for (const path of ['/', '/products/p_123', '/orders/o_1', '/cart']) {
      const page = await app.request(path);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<div id="root">');
      expect(page.headers.get('cache-control')).toBe('no-cache');
    }
  });

  it('leaves /api alone, and a missing file is a 404 rather than the page', async () => {
    const app = siteWithApi(aBuild());
    expect(await (await app.request('/api/health')).json()).toEqual({ status: 'ok' });
    expect((await app.request('/api/nope')).status).toBe(404);
    expect((await app.request('/assets/missing-1234.js')).status).toBe(404);
    expect((await app.request('/images/products/..%2F..%2Findex.html')).status).toBe(404);
  });

  it('says so when there is no build', () => {
    expect(mountStaticSite(newRouter(), join(tmpdir(), 'no-such-build'))).toBe(false);
  });
});
