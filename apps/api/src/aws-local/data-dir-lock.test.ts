import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DataDirInUseError, standInMarker, takeOverDataDir } from './data-dir-lock';

/** A process that idles with the given arguments on its command line, as a stand-in would. */
const idle = (...args: string[]) =>
  spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)', '--', ...args], {
    stdio: 'ignore',
  });

const gone = (child: ChildProcess) =>
  child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve()
    : new Promise((resolve) => child.once('exit', resolve));

describe('taking over a DATA_DIR for start:aws-local', () => {
  const dirs: string[] = [];
  const children: ChildProcess[] = [];
  const freshDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'sellout-lock-'));
    dirs.push(dir);
    return dir;
  };
  afterEach(() => {
    for (const child of children.splice(0)) child.kill('SIGKILL');
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('ends the stand-ins a killed run left on this DATA_DIR, and only those', async () => {
    const dir = freshDir();
    // A DATA_DIR whose path starts with this one's is another one.
    const other = `${dir}-2`;
    dirs.push(other);
    const stale = idle(standInMarker(dir));
    const someoneElses = idle(standInMarker(other));
    children.push(stale, someoneElses);
    await new Promise((resolve) => setTimeout(resolve, 300));

    const lock = await takeOverDataDir(dir, dir);
    await gone(stale);
    expect(stale.signalCode).toBe('SIGKILL');
    expect(someoneElses.exitCode).toBeNull();
    expect(someoneElses.signalCode).toBeNull();
    expect(lock.staleProcesses).toBe(1);

    // This process owns it now, until it releases it.
    expect(existsSync(join(dir, 'owner.pid'))).toBe(true);
    lock.release();
    expect(existsSync(join(dir, 'owner.pid'))).toBe(false);
  });

  it('refuses a DATA_DIR another start:aws-local is running on', async () => {
    const dir = freshDir();
    const running = idle('apps/api/src/main-aws-local.ts');
    children.push(running);
    await new Promise((resolve) => setTimeout(resolve, 300));
    writeFileSync(join(dir, 'owner.pid'), `${running.pid}\n`);
    await expect(takeOverDataDir(dir, dir)).rejects.toBeInstanceOf(DataDirInUseError);
    expect(running.exitCode).toBeNull();
  });

  it('takes over a DATA_DIR whose recorded owner is gone (or is another program now)', async () => {
    const dir = freshDir();
    const unrelated = idle('something-else');
    children.push(unrelated);
    await new Promise((resolve) => setTimeout(resolve, 300));
    writeFileSync(join(dir, 'owner.pid'), `${unrelated.pid}\n`);
    const lock = await takeOverDataDir(dir, dir);
    expect(lock.staleProcesses).toBe(0);
    expect(unrelated.exitCode).toBeNull();
    lock.release();
  });
});
