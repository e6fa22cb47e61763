import type { Server } from 'node:http';
import { serve } from '@hono/node-server';
import { attachLiveSocket } from '@sellout/adapter-local/live/live-socket-server';
import { seedDemoCatalog } from '@sellout/demo-catalog/seed-demo-catalog';
import { createApp } from './app';
import { nodeClientAddress } from './node/client-address';
import { compressAnswers } from './node/compress-answers';
import { answerClientErrorsInApiShape } from './node/http-client-errors';
import { openRuntimeOrExit } from './node/open-runtime';
import { startProcess } from './node/process-lifecycle';
import { mountStaticSite } from './node/static-site';
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

const app = createApp(deps);
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
server.on('request', runtime.noteRequest);
const live = attachLiveSocket(server as Server, {
  hub: runtime.live,
  verifyToken: deps.tokens.check,
  onError: (error) => logger.warn({ err: error }, 'live socket error'),
});
if (config.WORKER === 'inline') runtime.worker.start();

onShutdown(async () => {
  await live.close();
  // Stop taking requests and let in-flight ones finish before the database closes.
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await runtime.close();
});
