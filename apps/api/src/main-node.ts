import { attachLiveSocket } from '@sellout/adapter-local/live/live-socket-server';
import { seedDemoCatalog } from '@sellout/demo-catalog/seed-demo-catalog';
import { createApp } from './app';
import { nodeClientAddress } from './node/client-address';
import { openRuntimeOrExit } from './node/open-runtime';
import { startProcess } from './node/process-lifecycle';
import { productReadLane } from './node/product-read-lane';
import { startShopServer } from './node/shop-server';
import { buildAppDeps } from './wiring/build-deps';

/** `npm start`: the storefront, the API, live updates and the order worker in one process. */
const { config, logger, onShutdown } = startProcess('server');
const runtime = await openRuntimeOrExit(config, logger, 'server');
const deps = buildAppDeps({
  ...runtime.parts,
  secrets: runtime.secrets,
  clientAddress: nodeClientAddress,
});

if (config.SEED === 'demo') {
  const { seeded } = await seedDemoCatalog(deps);
  if (seeded > 0) logger.info({ seeded }, 'seeded the demo catalog');
}

const shop = await startShopServer(createApp(deps), config, logger, (app) =>
  productReadLane(deps, logger, app),
);
logger.info({ url: shop.url, dataDir: runtime.dataDir, worker: config.WORKER }, 'Sellout is open');
const adminToken = config.ADMIN_TOKEN ? 'the ADMIN_TOKEN you set' : `in ${runtime.secrets.file}`;
console.log(`\n  Sellout is open at ${shop.url}\n  Admin token: ${adminToken}\n`);
shop.server.on('request', runtime.noteRequest);
const live = attachLiveSocket(shop.server, {
  hub: runtime.live,
  verifyToken: deps.tokens.check,
  onError: (error) => logger.warn({ err: error }, 'live socket error'),
});
if (config.WORKER === 'inline') runtime.worker.start();

onShutdown(async () => {
  await live.close();
  // Stop taking requests and let in-flight ones finish before the database closes.
  await shop.close();
  await runtime.close();
});
