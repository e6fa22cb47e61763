import { readdirSync, readFileSync } from 'node:fs';

/**
 * The processes of a process group, from /proc (Linux): pid and command line of each. A
 * spawned server started as a group leader (`ownProcessGroup`) has its own pid as the group id,
 * and every child it starts without detaching is in it.
 */
export const processesInGroup = (groupId: number): { pid: number; command: string }[] =>
  readdirSync('/proc').flatMap((entry) => {
    if (!/^\d+$/.test(entry)) return [];
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // The command name (2nd field) is in parentheses and may hold spaces: count after it.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      // Fields after the name: state, ppid, pgrp, …; a zombie (Z) is gone but not yet reaped.
      if (Number(fields[2]) !== groupId || fields[0] === 'Z') return [];
      const command = readFileSync(`/proc/${entry}/cmdline`, 'utf8').replaceAll('\0', ' ').trim();
      return [{ pid: Number(entry), command }];
    } catch {
      return []; // Gone while looking.
    }
  });

/** Kills a whole process group, as `kill -9 -<pgid>` does. */
export const killGroup = (groupId: number, signal: NodeJS.Signals = 'SIGKILL') => {
  try {
    process.kill(-groupId, signal);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
  }
};
