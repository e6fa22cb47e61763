import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { pinnedCommand } from '../testing/cpu-pinning';
import { REPO_ROOT } from '../testing/spawn-server';
import type { FromGenerator, PhaseMeasurement, PhaseSpec, ToGenerator } from './protocol';

type Progress = Extract<FromGenerator, { type: 'progress' }>;

/** Past a phase's own length, how long to wait for its result before calling it stuck. */
const SLACK_MS = 60_000;

/** The load generator as a long-lived child process (one JIT warm-up), optionally pinned. */
export const startGenerator = async (cpu: number | undefined) => {
  const child = spawn(
    ...pinnedCommand(cpu, process.execPath, ['--import', 'tsx', 'tools/bench/load-generator.ts']),
    { cwd: REPO_ROOT, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] },
  );
  const exited = once(child, 'exit');
  const tell = (message: ToGenerator) => child.send(message);
  const [ready] = (await Promise.race([once(child, 'message'), exited])) as [FromGenerator?];
  if (ready?.type !== 'ready') throw new Error('the load generator did not start');

  return {
    pid: child.pid,
    run: (spec: PhaseSpec, onProgress: (progress: Progress) => void) =>
      new Promise<PhaseMeasurement>((resolve, reject) => {
        const timer = setTimeout(
          () => finish(() => reject(new Error(`${spec.name}: no result from the generator`))),
          (spec.warmupSeconds + spec.seconds) * 1000 + SLACK_MS,
        );
        const onMessage = (message: FromGenerator) => {
          if (message.type === 'progress') onProgress(message);
          else if (message.type === 'result') finish(() => resolve(message.result));
          else if (message.type === 'failed')
            finish(() => reject(new Error(`${spec.name}: ${message.message}`)));
        };
        const onExit = () => finish(() => reject(new Error('the load generator exited')));
        const finish = (settle: () => void) => {
          clearTimeout(timer);
          child.off('message', onMessage);
          child.off('exit', onExit);
          settle();
        };
        child.on('message', onMessage);
        child.once('exit', onExit);
        tell({ type: 'run', spec });
      }),
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      if (child.connected) tell({ type: 'exit' });
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
};

export type Generator = Awaited<ReturnType<typeof startGenerator>>;
