import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { pinnedCommand } from './cpu-pinning';
import { killGroup } from './process-group';

export const REPO_ROOT = join(import.meta.dirname, '../..');

/** A port nobody listens on right now. */
export const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });

export type SpawnedServer = {
  child: ChildProcess;
  url: string;
  /** Everything the process printed, for assertions and for failure messages. */
  output: () => string;
  /** Resolves with the exit code (or signal name) once the process is gone. */
  exited: Promise<number | string>;
  /** SIGTERM, and SIGKILL if it is not gone 10 s later; resolves once it is gone. */
  stop(): Promise<number | string>;
};

const STOP_GRACE_MS = 10_000;

/**
 * Starts `node --import tsx <entry>` from the repo root, as `npm start` does after building the
 * storefront, and waits (at most `timeoutMs`) until /api/health answers.
 */
export const spawnServer = async (options: {
  env: Record<string, string>;
  entry?: string;
  timeoutMs?: number;
  /** For a process without HTTP (the worker): ready once its output says so. */
  readyWhen?: (output: string) => boolean;
  /** Pin the process to this core (with `taskset`, where it exists), as benchmarks do. */
  cpu?: number;
  /**
   * Start it as the leader of a process group of its own, so a test can signal it with all the
   * children it starts (`process.kill(-pid, …)`), as a terminal's Ctrl-C or a supervisor would.
   */
  ownProcessGroup?: boolean;
}): Promise<SpawnedServer> => {
  const port = Number(options.env.PORT ?? (await freePort()));
  const child = spawn(
    ...pinnedCommand(options.cpu, process.execPath, [
      '--import',
      'tsx',
      options.entry ?? 'apps/api/src/main-node.ts',
    ]),
    {
      cwd: REPO_ROOT,
      env: {
        ...process.env,
        HOST: '127.0.0.1',
        LOG_LEVEL: 'warn',
        ...options.env,
        PORT: String(port),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: options.ownProcessGroup ?? false,
    },
  );
  let output = '';
  child.stdout?.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    output += chunk;
  });
  const exited = new Promise<number | string>((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')),
  );
  const url = `http://127.0.0.1:${port}`;
  // A group leader's children (Java, the stand-ins) go with it when it has to be killed.
  const kill = () =>
    options.ownProcessGroup && child.pid !== undefined
      ? killGroup(child.pid, 'SIGKILL')
      : child.kill('SIGKILL');
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return exited;
    child.kill('SIGTERM');
    const timer = setTimeout(kill, STOP_GRACE_MS);
    const code = await exited;
    clearTimeout(timer);
    return code;
  };
  const ready: SpawnedServer = { child, url, output: () => output, exited, stop };
  const deadline = Date.now() + (options.timeoutMs ?? 30_000);
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`${options.entry ?? 'server'} exited early (${child.exitCode}):\n${output}`);
    if (options.readyWhen?.(output)) return ready;
    try {
      if (!options.readyWhen && (await fetch(`${url}/api/health`)).ok) {
        return ready;
      }
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  kill();
  throw new Error(`${options.entry ?? 'server'} did not get ready in time:\n${output}`);
};
