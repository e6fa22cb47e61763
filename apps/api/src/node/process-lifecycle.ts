import { pino } from 'pino';
import { ConfigError, loadConfig } from '../config';

const SHUTDOWN_GRACE_MS = 10_000;

/**
 * Reads the config (a bad value stops the process with a clear message), creates the logger,
 * and runs the registered shutdown on SIGTERM/SIGINT (or `shutDown`, for a process that must
 * stop by itself), giving it 10 s before exiting anyway.
 */
export const startProcess = (name: string) => {
  const config = (() => {
    try {
      return loadConfig(process.env);
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      console.error(error.message);
      process.exit(2);
    }
  })();
  const logger = pino({ level: config.LOG_LEVEL, base: { process: name } });
  let shutdown: () => Promise<void> = async () => {};
  let stopping = false;
  const stop = (signal: string, exitCode = 0) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    setTimeout(() => {
      logger.error('shutdown took longer than 10 s; exiting');
      process.exit(1);
    }, SHUTDOWN_GRACE_MS).unref();
    shutdown().then(
      () => {
        logger.info('stopped');
        process.exit(exitCode);
      },
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
  return {
    config,
    logger,
    onShutdown(run: () => Promise<void>) {
      shutdown = run;
    },
    /** Runs the registered shutdown as a signal would, then exits with `exitCode`. */
    shutDown(reason: string, exitCode: number) {
      stop(reason, exitCode);
    },
  };
};
