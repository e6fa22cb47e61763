import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // The web app has two projects (components in happy-dom, e2e in Chromium), so its configs
    // are listed by file rather than found by a folder glob.
    projects: [
      'packages/*',
      'apps/api',
      'apps/infra',
      'apps/web/vitest.config.ts',
      'apps/web/vitest.e2e.config.ts',
      'tools',
    ],
  },
});
