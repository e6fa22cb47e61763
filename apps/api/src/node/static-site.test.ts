import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { newRouter } from '../http/router';
import { mountStaticSite } from './static-site';

const aBuild = () => {
  const dist = mkdtempSync(join(tmpdir(), 'sellout-dist-'));
  mkdirSync(join(dist, 'assets'));
  mkdirSync(join(dist, 'images', 'products'), { recursive: true });
  writeFileSync(join(dist, 'index.html'), '<!doctype html><div id="root"></div>');
  writeFileSync(join(dist, 'assets', 'index-abc123.js'), 'console.log(1)');
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
