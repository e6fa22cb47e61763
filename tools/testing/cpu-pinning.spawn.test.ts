import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { canPinToCpus } from './cpu-pinning';
import { REPO_ROOT } from './spawn-server';

/** Skipped, loudly, where nothing can be pinned; under CI=true never (the test then fails). */
const skipWithoutPinning = () => {
  if (canPinToCpus() || process.env.CI === 'true') return false;
  console.warn('\n⚠️  Skipping the CPU pinning test: it needs `taskset` and two cores.\n');
  return true;
};

describe.skipIf(skipWithoutPinning())('pinning the benchmark processes', () => {
  it('still pins the children apart when the benchmark itself runs pinned to one core', () => {
    // `taskset -c 1 npm run bench` once made the benchmark run its server on the generator's core.
    const child = spawnSync(
      'taskset',
      [
        '-c',
        '1',
        process.execPath,
        '--import',
        'tsx',
        '--eval',
        "import('./tools/testing/cpu-pinning.ts').then((m) => console.log(m.canPinToCpus(), require('node:os').availableParallelism()))",
      ],
      { cwd: REPO_ROOT, encoding: 'utf8', timeout: 30_000 },
    );
    expect(child.stderr).toBe('');
    // This process may use one core, and the benchmark's children can still be pinned to two.
    expect(child.stdout.trim()).toBe('true 1');
  });
});
