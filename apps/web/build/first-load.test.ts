// @vitest-environment node
import { join } from 'node:path';
import { build, type Rollup } from 'vite';
import { describe, expect, it } from 'vitest';
import { ADMIN_SOURCES, FIRST_LOAD_BUDGET_BYTES, firstLoadOf } from './first-load';

const WEB = join(import.meta.dirname, '..');

const buildStorefront = async () => {
  // As `npm run build` does it: vitest sets NODE_ENV=test, which would bundle React's dev build.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  const result = await build({
    mode: 'production',
    root: WEB,
    configFile: join(WEB, 'vite.config.ts'),
    logLevel: 'silent',
    build: { write: false },
  }).finally(() => {
    process.env.NODE_ENV = nodeEnv;
  });
  return (Array.isArray(result) ? result[0] : result) as Rollup.RollupOutput;
};

const bundleOf = (output: Rollup.RollupOutput) =>
  Object.fromEntries(output.output.map((o) => [o.fileName, o])) as Rollup.OutputBundle;

const chunk = (fileName: string, fields: Partial<Rollup.OutputChunk>) =>
  ({
    type: 'chunk',
    fileName,
    code: 'export {}',
    imports: [],
    dynamicImports: [],
    moduleIds: [],
    isEntry: false,
    ...fields,
  }) as unknown as Rollup.OutputChunk;

describe("the shopper's first load", () => {
  it('is the entry and its static imports, not what is imported lazily', () => {
    const first = firstLoadOf({
      'index.js': chunk('index.js', {
        isEntry: true,
        imports: ['shared.js'],
        dynamicImports: ['admin.js'],
        moduleIds: ['/repo/apps/web/src/main.tsx'],
      }),
      'shared.js': chunk('shared.js', { moduleIds: ['/repo/apps/web/src/app/layout.tsx'] }),
      'admin.js': chunk('admin.js', { moduleIds: ['/repo/apps/web/src/admin/console.tsx'] }),
    });
    expect(first.files.sort()).toEqual(['index.js', 'shared.js']);
    expect(first.modules.some((id) => ADMIN_SOURCES.test(id))).toBe(false);
  });

  it('would count the admin console if the entry imported it statically', () => {
    const first = firstLoadOf({
      'index.js': chunk('index.js', { isEntry: true, imports: ['admin.js'] }),
      'admin.js': chunk('admin.js', { moduleIds: ['/repo/apps/web/src/admin/console.tsx'] }),
    });
    expect(first.modules.filter((id) => ADMIN_SOURCES.test(id))).toEqual([
      '/repo/apps/web/src/admin/console.tsx',
    ]);
  });

  it('of the real build holds nothing of the admin console and stays within budget', {
    timeout: 60_000,
  }, async () => {
    const output = await buildStorefront();
    const first = firstLoadOf(bundleOf(output));
    expect(first.modules.some((id) => id.endsWith('/apps/web/src/main.tsx'))).toBe(true);
    expect(first.modules.filter((id) => ADMIN_SOURCES.test(id))).toEqual([]);
    // The console is in the build, in chunks of its own that only /admin loads.
    const consoleChunks = output.output.filter(
      (o) => o.type === 'chunk' && o.moduleIds.some((id) => ADMIN_SOURCES.test(id)),
    );
    expect(consoleChunks.map((c) => c.fileName)).toEqual([
      expect.stringMatching(/^assets\/admin-app-.+\.js$/),
    ]);
    // zod and the page chunks load beside the first API call, not before the first paint.
    expect(first.modules.filter((id) => id.includes('/node_modules/zod/'))).toEqual([]);
    expect(first.gzipBytes).toBeLessThanOrEqual(FIRST_LOAD_BUDGET_BYTES);
  });
});
