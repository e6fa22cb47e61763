import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'infra',
    // Synthesis bundles every function with esbuild: the test files share one module cache
    // (one worker, no isolation), so each environment is synthesized once per run.
    isolate: false,
    fileParallelism: false,
    maxWorkers: 1,
    testTimeout: 30_000,
    hookTimeout: 300_000,
  },
});
