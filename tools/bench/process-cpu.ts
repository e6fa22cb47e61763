import { readFileSync } from 'node:fs';

/** Linux's USER_HZ, the unit of /proc/<pid>/stat times; 100 on every common kernel build. */
const TICKS_PER_SECOND = 100;

/**
 * CPU seconds (user + system) a process has used so far, from /proc; null where there is no
 * /proc or the process is gone. Sampled around a phase, it says whether the server was the one
 * running out of CPU.
 */
export const cpuSecondsOf = (pid: number | undefined): number | null => {
  if (pid === undefined) return null;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces) start after its closing paren.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return null;
  }
};

/**
 * Microseconds so far during which some task on this machine waited for a CPU, or for I/O
 * (Linux pressure stall information); null where the kernel does not keep it. Sampled around a
 * phase, it says how much other work competed with the benchmark (on a shared machine, the
 * noise), and whether the server sat blocked on the disk.
 */
export const stallMicros = (resource: 'cpu' | 'io'): number | null => {
  try {
    const some = readFileSync(`/proc/pressure/${resource}`, 'utf8').split('\n')[0] ?? '';
    const total = /total=(\d+)/.exec(some)?.[1];
    return total === undefined ? null : Number(total);
  } catch {
    return null;
  }
};
