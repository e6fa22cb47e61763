import { findJava } from '@sellout/adapter-aws/dynamodb/dynamodb-local';
import { seedDemoCatalog } from '@sellout/demo-catalog/seed-demo-catalog';
import { createApp } from './app';
import { DataDirInUseError } from './aws-local/data-dir-lock';
import { openAwsLocal } from './aws-local/open-aws-local';
import { nodeClientAddress } from './node/client-address';
import { startProcess } from './node/process-lifecycle';
import { ListenError, startShopServer } from './node/shop-server';
import { buildAppDeps } from './wiring/build-deps';

/**
 * `npm run start:aws-local` (DESIGN §11, ADR 65): the AWS topology on one machine. DynamoDB
 * Local, fauxqs and aws-ses-v2-local run as children; the shop's own server (storefront, API,
 * `/api/live`) runs on the same parts as the HTTP Lambda; the worker, stream and WebSocket
 * Lambdas' real handlers are invoked by local pollers and a WebSocket gateway.
 */
const { config: base, logger, onShutdown, shutDown } = startProcess('aws-local');

const java = findJava();
if (!java.ok) {
  console.error(
    `npm run start:aws-local runs DynamoDB Local, which needs Java 17 or newer: ${java.reason}.\n` +
      'Install it with `apt-get install -y openjdk-17-jre-headless` (or put any Java 17+ on the PATH).',
  );
  process.exit(2);
}

const stack = await openAwsLocal(base, logger).catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  if (!(error instanceof DataDirInUseError)) logger.fatal({ err: error }, 'could not start');
  console.error(`npm run start:aws-local could not start: ${message}`);
  process.exit(error instanceof DataDirInUseError ? 2 : 1);
});
onShutdown(stack.close);
const { config } = stack;
const deps = buildAppDeps({
  ...stack.parts,
  secrets: stack.secrets,
  clientAddress: nodeClientAddress,
});
// From here on orders are relayed and processed: the pipelines run before the first request.
stack.startPipelines();

if (config.SEED === 'demo') {
  const { seeded } = await seedDemoCatalog(deps);
  if (seeded > 0) logger.info({ seeded }, 'seeded the demo catalog');
}

const shop = await startShopServer(createApp(deps), config, logger).catch(async (error) => {
  if (!(error instanceof ListenError)) throw error;
  console.error(error.message);
  await stack.close();
  process.exit(2);
});
stack.gateway.attach(shop.server);
logger.info({ url: shop.url, manifest: stack.manifestFile }, 'Sellout is open on AWS stand-ins');
const adminToken =
  config.ADMIN_TOKEN !== base.ADMIN_TOKEN ? `in ${stack.secrets.file}` : 'the ADMIN_TOKEN you set';
console.log(
  `\n  Sellout is open at ${shop.url} (AWS services on local stand-ins)` +
    `\n  Endpoints and resource names: ${stack.manifestFile}` +
    `\n  Admin token: ${adminToken}\n`,
);

void stack.standInExited.then((name) => {
  logger.fatal({ standIn: name }, `${name} exited; stopping`);
  shutDown(`${name} exited`, 1);
});

onShutdown(async () => {
  await stack.gateway.close();
  // Stop taking requests and let in-flight ones finish before the pipelines and stand-ins stop.
  await shop.close();
  await stack.close();
});
