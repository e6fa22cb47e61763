import { spawn } from 'node:child_process';
import type { ParentMessage, StandInMessage } from './serve-until-parent-goes';

export type RunningStandIn = {
  name: string;
  endpoint: string;
  pid: number;
  /** The last lines it printed, for error messages. */
  output(): string;
  /** Ask it to also end these processes if this one dies without stopping it. */
  alsoEndWithParent(pids: number[]): void;
  /** Resolves when it is gone, stopped or not. */
  exited: Promise<void>;
  /** SIGTERM, SIGKILL 3 s later; resolves once it is gone. */
  stop(): Promise<void>;
};

const STOP_GRACE_MS = 3_000;

/**
 * Starts one of the Node stand-ins (`fauxqs-child.ts`, `ses-child.ts`) as a child in this
 * process's group, with an IPC channel over which it reports its port once it listens and by
 * which it notices this process dying. Rejects if it fails, exits or stays silent.
 */
export const startNodeStandIn = (options: {
  name: string;
  script: string;
  /** Extra arguments, e.g. the marker a later start recognises its stale children by. */
  args?: readonly string[];
  env: Record<string, string | undefined>;
  readyWithinMs?: number;
}): Promise<RunningStandIn> =>
  new Promise((resolve, reject) => {
    // The same loader (tsx) as this process: the stand-ins are TypeScript too.
    const child = spawn(
      process.execPath,
      [...process.execArgv, options.script, ...(options.args ?? [])],
      {
        env: options.env,
        stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      },
    );
    let output = '';
    const keep = (chunk: Buffer) => {
      output = (output + chunk.toString('utf8')).slice(-4000);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    const exit = new Promise<void>((gone) => child.once('exit', () => gone()));
    let started = false;
    const fail = (why: string) => {
      if (started) return;
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(`${options.name} ${why}${output ? `:\n${output}` : ''}`));
    };
    const timer = setTimeout(
      () => fail(`did not start within ${options.readyWithinMs ?? 30_000} ms`),
      options.readyWithinMs ?? 30_000,
    );
    child.once('error', (error) => fail(`could not start (${error.message})`));
    child.once('exit', (code, signal) => fail(`exited while starting (${code ?? signal})`));
    child.on('message', (message: StandInMessage) => {
      if ('failed' in message) return fail(`failed to start: ${message.failed}`);
      if (started) return;
      started = true;
      clearTimeout(timer);
      resolve({
        name: options.name,
        endpoint: `http://127.0.0.1:${message.ready.port}`,
        pid: child.pid ?? -1,
        output: () => output,
        exited: exit,
        alsoEndWithParent(pids) {
          if (child.connected) child.send({ alsoEnd: pids } satisfies ParentMessage);
        },
        async stop() {
          if (child.exitCode !== null || child.signalCode !== null) return;
          // Stopped in order: the processes it was to end are being stopped by this one.
          if (child.connected) child.send({ alsoEnd: [] } satisfies ParentMessage);
          child.kill('SIGTERM');
          const timeout = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
          await exit;
          clearTimeout(timeout);
        },
      });
    });
  });
