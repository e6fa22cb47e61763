import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from './spawn-server';

const hasTaskset = spawnSync('taskset', ['-c', '0', 'true']).status === 0;
const cores = (spawnSync('nproc', ['--all'], { encoding: 'utf8' }).stdout ?? '').trim();

describe.skipIf(!hasTaskset || Number(cores) < 2)('pinning the benchmark processes', () => {
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
