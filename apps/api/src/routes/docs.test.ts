import { describe, expect, it } from 'vitest';
import { openTestApp } from '../testing/test-app';

describe('GET /api/docs', () => {
  it('is an HTML page that loads Swagger UI from the shop, with no inline script', async () => {
    const t = await openTestApp({ store: 'memory' });
    const page = await t.app.request('/api/docs');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await page.text();
    const scripts = [...html.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attributes, body] of scripts) {
      expect(attributes).toMatch(/src="\/api\/docs\/[\w.-]+\.js\?v=[\w.]+"/);
      expect(body?.trim()).toBe('');
    }
    expect(html).not.toMatch(/https?:\/\/(?!www\.w3\.org)/);
    for (const [, asset] of html.matchAll(/(?:src|href)="(\/api\/docs\/[^"]+)"/g)) {
      const response = await t.app.request(asset!);
      expect(response.status, asset).toBe(200);
      expect(response.headers.get('content-type'), asset).toMatch(/^text\/(javascript|css)/);
      expect((await response.arrayBuffer()).byteLength, asset).toBeGreaterThan(100);
    }
  });

  it('points Swagger UI at the shop’s own document, with the online validator off', async () => {
    const t = await openTestApp({ store: 'memory' });
    const starter = await (await t.app.request('/api/docs/api-docs.js')).text();
    expect(starter).toContain("url: '/api/openapi.json'");
    expect(starter).toContain('validatorUrl: null');
  });

  it('serves only its own files under /api/docs/', async () => {
    const t = await openTestApp({ store: 'memory' });
    for (const path of [
      '/api/docs/package.json',
      '/api/docs/..%2Fapp.ts',
      '/api/docs/index.html',
    ]) {
      expect((await t.app.request(path)).status, path).toBe(404);
    }
  });
});
