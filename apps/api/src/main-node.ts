import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { serve } from '@hono/node-server';
import { createInProcessLiveHub } from '@sellout/adapter-local/live/in-process-live-hub';
import { createSqliteStore } from '@sellout/adapter-local/sqlite/sqlite-store';
import { createSystemIds, systemClock } from '@sellout/core/shared/system';
import { seedDemoCatalog } from '@sellout/tools/seed/seed-demo-catalog';
import { pino } from 'pino';
import { createApp } from './app';
import { ConfigError, loadConfig } from './config';
import { DEFAULT_RATE_LIMITS } from './http/rate-limits';
import { createSessionTokens } from './http/session-tokens';
import { nodeClientAddress } from './node/client-address';
import { loadLocalSecrets } from './node/local-secrets';

const config = (() => {
  try {
    return loadConfig(process.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    process.exit(2);
  }
})();

const logger = pino({ level: config.LOG_LEVEL });
const dataDir = resolve(config.DATA_DIR);
mkdirSync(dataDir, { recursive: true });
const secrets = loadLocalSecrets(dataDir, {
  adminToken: config.ADMIN_TOKEN,
  sessionSecret: config.SESSION_SECRET,
});
const store = createSqliteStore({ file: join(dataDir, 'sellout.db'), clock: systemClock });
const ids = createSystemIds();
const shop = { name: config.SHOP_NAME, currency: config.SHOP_CURRENCY };
const live = createInProcessLiveHub((error) =>
  logger.error({ err: error }, 'live listener failed'),
);

if (config.SEED === 'demo') {
  const { seeded } = await seedDemoCatalog({ catalog: store.catalog, ids, shop });
  if (seeded > 0) logger.info({ seeded }, 'seeded the demo catalog');
}

const app = createApp({
  ...store,
  live,
  clock: systemClock,
  ids,
  tokens: createSessionTokens(secrets.sessionSecret),
  adminToken: secrets.adminToken,
  shop,
  rateLimits: config.RATE_LIMIT === 'on' ? DEFAULT_RATE_LIMITS : null,
  clientAddress: nodeClientAddress,
  logger,
});

const server = serve({ fetch: app.fetch, hostname: config.HOST, port: config.PORT }, (info) => {
  const url = `http://${info.family === 'IPv6' ? `[${info.address}]` : info.address}:${info.port}`;
  logger.info({ url, dataDir }, 'Sellout is open');
  console.log(
    `\n  Sellout is open at ${url}\n  Admin token: in ${secrets.file} (or ADMIN_TOKEN)\n`,
  );
});

let stopping = false;
const stop = (signal: string) => {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, 'shutting down');
  // Stop taking requests, let in-flight ones finish, then close the database cleanly.
  server.close(() => {
    store.close();
    logger.info('stopped');
    process.exit(0);
  });
  setTimeout(() => {
    logger.warn('in-flight requests did not finish in 10 s; exiting');
    store.close();
    process.exit(1);
  }, 10_000).unref();
};
process.on('SIGTERM', () => stop('SIGTERM'));
process.on('SIGINT', () => stop('SIGINT'));
