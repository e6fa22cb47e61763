import { spawnSync } from 'node:child_process';
import { availableParallelism } from 'node:os';

let usable: boolean | undefined;

/**
 * Whether processes can be pinned to cores here: `taskset` exists and there are at least two
 * cores to keep a server and its load generator apart (on one core pinning only adds rules).
 */
export const canPinToCpus = () => {
  usable ??= availableParallelism() >= 2 && spawnSync('taskset', ['-c', '0', 'true']).status === 0;
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
