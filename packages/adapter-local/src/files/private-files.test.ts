import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makePrivateDir, sweepStaleTemporaryFiles, temporaryPath } from './private-files';

const modeOf = (path: string) => (statSync(path).mode & 0o777).toString(8);

/** A pid that was a process a moment ago and is gone now. */
const deadPid = () => spawnSync(process.execPath, ['-e', '']).pid!;

describe('private files', () => {
  it('creates folders for the owner only, whatever the umask, and narrows a loose one', () => {
    const root = mkdtempSync(join(tmpdir(), 'sellout-private-'));
    const previous = process.umask(0);
    try {
      makePrivateDir(join(root, 'new', 'nested'));
      expect(modeOf(join(root, 'new', 'nested'))).toBe('700');
      mkdirSync(join(root, 'old'), { mode: 0o755 });
      chmodSync(join(root, 'old'), 0o755);
      makePrivateDir(join(root, 'old'));
      expect(modeOf(join(root, 'old'))).toBe('700');
    } finally {
      process.umask(previous);
    }
  });

  it('sweeps the temporary files of writers that are gone, and only those', () => {
    const tempDir = mkdtempSync(join(tmpdir(), 'sellout-temp-'));
    const ours = temporaryPath(tempDir);
    const gone = join(tempDir, `${deadPid()}.0123abcd.tmp`);
    // The parent of this test run is alive: a server sharing DATA_DIR, mid-write.
    const running = join(tempDir, `${process.ppid}.89abcdef.tmp`);
    const other = join(tempDir, 'notes.txt');
    for (const file of [ours, gone, running, other]) writeFileSync(file, 'x');
    expect(sweepStaleTemporaryFiles(tempDir)).toBe(2);
    expect([ours, gone, running, other].map(existsSync)).toEqual([false, false, true, true]);
  });

  it('sweeps nothing where there is no temporary folder yet', () => {
    expect(sweepStaleTemporaryFiles(join(tmpdir(), 'sellout-no-such-folder'))).toBe(0);
  });
});
