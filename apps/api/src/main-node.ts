import type { Server } from 'node:http';
import { serve } from '@hono/node-server';
import { attachLiveSocket } from '@sellout/adapter-local/live/live-socket-server';
import { seedDemoCatalog } from '@sellout/tools/seed/seed-demo-catalog';
import { createApp } from './app';
import { DEFAULT_RATE_LIMITS } from './http/rate-limits';
import { createSessionTokens } from './http/session-tokens';
import { nodeClientAddress } from './node/client-address';
import { compressAnswers } from './node/compress-answers';
import { answerClientErrorsInApiShape } from './node/http-client-errors';
import { openLocalRuntime } from './node/local-runtime';
import { startProcess } from './node/process-lifecycle';
import { mountStaticSite } from './node/static-site';

/** `npm start`: the storefront, the API, live updates and the order worker in one process. */
const { config, logger, onShutdown } = startProcess('server');
const runtime = openLocalRuntime(config, logger, 'server');
const { store, worker } = runtime;

if (config.SEED === 'demo') {
  const { seeded } = await seedDemoCatalog({
    catalog: store.catalog,
    ids: runtime.ids,
    shop: runtime.shop,
  });
  if (seeded > 0) logger.info({ seeded }, 'seeded the demo catalog');
}

const tokens = createSessionTokens(runtime.secrets.sessionSecret);
const app = createApp({
  ...store,
  // Wake the in-process worker the moment an order is stored, instead of at its next poll.
  orders: {
    ...store.orders,
    place: async (command) => {
      const outcome = await store.orders.place(command);
      if (outcome.kind === 'placed' && config.WORKER === 'inline') worker.wake();
      return outcome;
    },
  },
  blobs: runtime.blobs,
  live: runtime.live,
  clock: runtime.clock,
  ids: runtime.ids,
  tokens,
  adminToken: runtime.secrets.adminToken,
  shop: runtime.shop,
  rateLimits: config.RATE_LIMIT === 'on' ? DEFAULT_RATE_LIMITS : null,
  clientAddress: nodeClientAddress,
  logger,
});
if (!mountStaticSite(app)) {
  logger.warn(
    'no storefront build found (apps/web/dist); run `npm run build` — serving the API only',
  );
}

// Compression belongs to this server: on AWS, CloudFront compresses in front of Lambda (ADR 31).
const server = serve(
  { fetch: compressAnswers(app.fetch), hostname: config.HOST, port: config.PORT },
  (info) => {
    const url = `http://${info.family === 'IPv6' ? `[${info.address}]` : info.address}:${info.port}`;
    logger.info({ url, dataDir: runtime.dataDir, worker: config.WORKER }, 'Sellout is open');
    const adminToken = config.ADMIN_TOKEN
      ? 'the ADMIN_TOKEN you set'
      : `in ${runtime.secrets.file}`;
    console.log(`\n  Sellout is open at ${url}\n  Admin token: ${adminToken}\n`);
  },
);
answerClientErrorsInApiShape(server as Server);
const live = attachLiveSocket(server as Server, {
  hub: runtime.live,
  verifyToken: tokens.verify,
  onError: (error) => logger.warn({ err: error }, 'live socket error'),
});
if (config.WORKER === 'inline') worker.start();

onShutdown(async () => {
  await live.close();
  // Stop taking requests and let in-flight ones finish before the database closes.
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await runtime.close();
});
