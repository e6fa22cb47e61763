import type { Logger } from 'pino';
import type { Config } from '../config';
import { DynamoUnreachableError, openDynamoRuntime } from './dynamo-runtime';
import { openLocalRuntime } from './local-runtime';

/** The runtime STORE asks for; both have the same shape for the entry points. */
export const openRuntime = async (config: Config, logger: Logger, role: 'server' | 'worker') =>
  config.STORE === 'dynamodb'
    ? openDynamoRuntime(config, logger, role)
    : openLocalRuntime(config, logger, role);

/** openRuntime for the entry points: a store that cannot be reached stops the process, clearly. */
export const openRuntimeOrExit = async (
  config: Config,
  logger: Logger,
  role: 'server' | 'worker',
) => {
  try {
    return await openRuntime(config, logger, role);
  } catch (error) {
    if (!(error instanceof DynamoUnreachableError)) throw error;
    logger.fatal({ err: error.cause }, error.message);
    console.error(error.message);
    process.exit(2);
  }
};
