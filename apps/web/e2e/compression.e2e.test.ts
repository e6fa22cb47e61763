import { get } from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { startShop } from './shop';

/** Plain HTTP against the real server: no browser needed to read headers and bytes. */
describe('the storefront and API compressed on the wire', () => {
  /** The answer's headers and bytes as they travel (fetch would decompress them). */
  const raw = (url: string, acceptEncoding?: string) =>
    new Promise<{ status: number; headers: Headers; body: Buffer }>((resolve, reject) => {
      get(url, { headers: acceptEncoding ? { 'Accept-Encoding': acceptEncoding } : {} }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const headers = new Headers();
          for (const [name, value] of Object.entries(res.headers)) {
            if (typeof value === 'string') headers.set(name, value);
          }
          resolve({ status: res.statusCode ?? 0, headers, body: Buffer.concat(chunks) });
        });
        res.on('error', reject);
      }).on('error', reject);
    });

  it('sends the entry script as brotli or gzip as asked, with Vary, and JSON above 1 KiB compressed', async () => {
    const shop = await startShop();
    try {
      const html = await (await fetch(`${shop.url}/`)).text();
      const entry = html.match(/<script type="module"[^>]*src="([^"]+\.js)"/)?.[1];
      expect(entry, 'the entry script in index.html').toBeDefined();
      const plain = await raw(`${shop.url}${entry}`);
      expect(plain.headers.get('content-encoding')).toBeNull();
      expect(plain.headers.get('vary')).toMatch(/Accept-Encoding/i);
      const source = plain.body;

      const br = await raw(`${shop.url}${entry}`, 'br');
      expect(br.headers.get('content-encoding')).toBe('br');
      expect(br.headers.get('vary')).toMatch(/Accept-Encoding/i);
      const brBytes = br.body;
      expect(brBytes.byteLength).toBeLessThan(source.byteLength / 2);
      expect(brotliDecompressSync(brBytes)).toEqual(source);

      const gz = await raw(`${shop.url}${entry}`, 'gzip');
      expect(gz.headers.get('content-encoding')).toBe('gzip');
      expect(gz.headers.get('vary')).toMatch(/Accept-Encoding/i);
      expect(gunzipSync(gz.body)).toEqual(source);

      const products = await raw(`${shop.url}/api/products?limit=20`, 'gzip, br');
      expect(products.status).toBe(200);
      expect(products.headers.get('content-encoding')).toBe('br');
      const json = JSON.parse(brotliDecompressSync(products.body).toString());
      expect(json.items.length).toBeGreaterThan(0);

      const health = await raw(`${shop.url}/api/health`, 'br');
      expect(health.headers.get('content-encoding')).toBeNull();
    } finally {
      await shop.stop();
    }
  });
});
