import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mountStaticSite } from '../node/static-site';
import { expectError, jsonRequest, openTestApp } from '../testing/test-app';
import { isApiPath } from './api-path';

/** The API with the storefront mounted beside it, as `npm start` serves them. */
const openShop = async () => {
  const t = await openTestApp({ store: 'memory' });
  const dist = mkdtempSync(join(tmpdir(), 'sellout-dist-'));
  writeFileSync(join(dist, 'index.html'), '<!doctype html><div id="root"></div>');
  expect(mountStaticSite(t.app, dist)).toBe(true);
  return t;
};

describe('paths that spell /api another way', () => {
  it.each([
    '/API/products',
    '/Api/health',
    '/%2fapi/products',
    '/%2Fapi/health',
    '//api/products',
    '/api%2Fproducts',
    '/%61pi/nothing-here',
    '/API',
  ])('%s gets the API’s JSON 404, not the storefront page', async (path) => {
    const t = await openShop();
    const response = await jsonRequest(t.app, 'GET', path);
    expectError(response, 404, 'NOT_FOUND');
    expect(response.text).not.toContain('<div id="root">');
  });

  it('leaves storefront pages whose path only starts with "api" alone', async () => {
    const t = await openShop();
    for (const path of ['/apiary', '/products/api', '/%E0%A4%A']) {
      const page = await t.app.request(path);
      expect(page.status, path).toBe(200);
      expect(await page.text()).toContain('<div id="root">');
    }
  });

  it('reads a path as a client or a proxy would', () => {
    expect(isApiPath('/api')).toBe(true);
    expect(isApiPath('/api/live')).toBe(true);
    expect(isApiPath('/\\api/x')).toBe(true);
    expect(isApiPath('/apix')).toBe(false);
    expect(isApiPath('/api%')).toBe(false);
    expect(isApiPath('/')).toBe(false);
  });
});
