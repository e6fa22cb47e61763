import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type ProxyOptions } from 'vite';
import { reportFirstLoad } from './build/first-load';
import { precompress } from './build/precompress';

const API_ORIGIN = 'http://127.0.0.1:3000';
const publicDir = fileURLToPath(new URL('./public', import.meta.url));

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
  plugins: [react(), reportFirstLoad(), precompress()],
  server: { port: 5173, strictPort: true, proxy },
  preview: { port: 4173, proxy },
  build: { target: 'es2022' },
});
