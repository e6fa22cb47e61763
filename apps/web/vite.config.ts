import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin, type ProxyOptions } from 'vite';

const API_ORIGIN = 'http://127.0.0.1:3000';
const publicDir = fileURLToPath(new URL('./public', import.meta.url));

/**
 * Prints the gzipped size of all the JavaScript a first visit downloads, so a build shows at a
 * glance whether a change made the shop heavier.
 */
const reportGzippedJs = (): Plugin => ({
  name: 'sellout:report-gzipped-js',
  apply: 'build',
  generateBundle(_options, bundle) {
    let raw = 0;
    let gzipped = 0;
    let files = 0;
    for (const output of Object.values(bundle)) {
      if (output.type !== 'chunk') continue;
      files += 1;
      raw += Buffer.byteLength(output.code);
      gzipped += gzipSync(output.code, { level: 9 }).byteLength;
    }
    const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
    console.log(`\nJavaScript: ${kib(gzipped)} gzipped (${kib(raw)} raw, ${files} file(s))\n`);
  },
});

const toApi: ProxyOptions = { target: API_ORIGIN, ws: true };
const proxy: Record<string, ProxyOptions> = {
  '/api': toApi,
  '/images': {
    target: API_ORIGIN,
    // Product images the shop ships live in public/; only others come from the API server.
    bypass: (req) => {
      const path = req.url?.split('?')[0] ?? '';
      return existsSync(`${publicDir}${decodeURIComponent(path)}`) ? req.url : undefined;
    },
  },
};

export default defineConfig({
  plugins: [react(), reportGzippedJs()],
  server: { port: 5173, strictPort: true, proxy },
  preview: { port: 4173, proxy },
  build: { target: 'es2022' },
});
