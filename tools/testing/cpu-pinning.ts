import { spawnSync } from 'node:child_process';
import { cpus } from 'node:os';

let usable: boolean | undefined;

/**
 * Whether processes can be pinned to cores here: `taskset` exists and cores 0 and 1 can both be
 * given to a child, to keep a server and its load generator apart (on one core pinning only adds
 * rules). The machine's cores are counted, not this process's: under `taskset -c 1 npm run
 * bench` the process itself may use one core (`availableParallelism()` says 1), yet its children
 * can still be pinned to either, which is what the benchmark needs.
 */
export const canPinToCpus = () => {
  usable ??=
    cpus().length >= 2 &&
    ['0', '1'].every((cpu) => spawnSync('taskset', ['-c', cpu, 'true']).status === 0);
  return usable;
};

/** `command args` prefixed with `taskset -c <cpu>` when pinning is possible and asked for. */
export const pinnedCommand = (
  cpu: number | undefined,
  command: string,
  args: readonly string[],
): [string, string[]] =>
  cpu !== undefined && canPinToCpus()
    ? ['taskset', ['-c', String(cpu), command, ...args]]
    : [command, [...args]];
