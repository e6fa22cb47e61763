import { pino } from 'pino';
import { ConfigError, loadConfig } from '../config';

const SHUTDOWN_GRACE_MS = 10_000;

/**
 * Reads the config (a bad value stops the process with a clear message), creates the logger,
 * and runs the registered shutdown on SIGTERM/SIGINT, giving it 10 s before exiting anyway.
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
  const stop = (signal: string) => {
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
        process.exit(0);
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
  };
};
