import { openRuntimeOrExit } from './node/open-runtime';
import { startProcess } from './node/process-lifecycle';

/**
 * `npm run worker`: the order worker alone, on the same DATA_DIR as the server (start that one
 * with WORKER=off). Both may run at once: the outbox hands each order to one of them.
 */
const { config, logger, onShutdown } = startProcess('worker');
const runtime = await openRuntimeOrExit(config, logger, 'worker');
runtime.worker.start();
logger.info(
  { dataDir: runtime.dataDir, concurrency: config.WORKER_CONCURRENCY },
  'order worker started',
);
onShutdown(() => runtime.close());
