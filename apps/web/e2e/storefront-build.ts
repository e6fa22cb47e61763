import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const WEB = join(import.meta.dirname, '..');
const REPO_ROOT = join(WEB, '../..');
const BUILT = join(WEB, 'dist/index.html');

/** What the bundle is made of: when any of it is newer than the build, the build is stale. */
const SOURCES = [
  join(WEB, 'src'),
  join(WEB, 'public'),
  join(WEB, 'index.html'),
  join(WEB, 'vite.config.ts'),
  join(WEB, 'build'),
  join(REPO_ROOT, 'packages/core/src'),
];

const newestChange = (path: string): number => {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) {
      newest = Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
    }
  }
  return newest;
};

/**
 * The server serves apps/web/dist, so browser tests and screenshots of an old build would
 * check old code. Builds when dist is missing or older than its sources (about a second).
 */
export const ensureStorefrontBuilt = () => {
  const builtAt = existsSync(BUILT) ? statSync(BUILT).mtimeMs : null;
  if (builtAt !== null && SOURCES.every((source) => newestChange(source) <= builtAt)) return;
  console.log(
    builtAt === null ? 'e2e: building the storefront' : 'e2e: rebuilding the stale storefront',
  );
  try {
    execFileSync('npm', ['run', 'build', '-w', '@sellout/web'], {
      cwd: REPO_ROOT,
      stdio: 'pipe',
      encoding: 'utf8',
    });
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    throw new Error(
      `The browser tests need the built storefront (apps/web/dist) and building it failed: run \`npm run build\` and fix what it reports.\n${stdout}${stderr}`,
    );
  }
  if (!existsSync(BUILT)) {
    throw new Error('The build wrote no apps/web/dist/index.html: run `npm run build`.');
  }
};
