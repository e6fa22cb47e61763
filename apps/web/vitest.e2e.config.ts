import { defineConfig } from 'vitest/config';

/**
 * Browser tests: the real server (built storefront, API, live socket, worker) driven by the
 * system's headless Chromium. Each file starts its own server, so files run one at a time, and
 * after the other projects (`groupOrder`), so a busy machine does not slow the browser down.
 */
export default defineConfig({
  test: {
    name: 'e2e',
    environment: 'node',
    include: ['e2e/**/*.e2e.test.ts'],
    globalSetup: ['./e2e/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    fileParallelism: false,
    sequence: { groupOrder: 1 },
  },
});
