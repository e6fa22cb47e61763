import { join, resolve } from 'node:path';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { clientConfig, LOCAL_CREDENTIALS } from '@sellout/adapter-aws/aws-client-options';
import { createDynamoDbClient } from '@sellout/adapter-aws/dynamodb/dynamodb-client';
import {
  eventSourceDefinitions,
  queueDefinitions,
} from '@sellout/adapter-aws/resource-definitions';
import { createS3Client } from '@sellout/adapter-aws/s3/s3-client';
import { createSqsClient } from '@sellout/adapter-aws/sqs/sqs-client';
import { makePrivateDir } from '@sellout/adapter-local/files/private-files';
import type { Logger } from 'pino';
import type { Config } from '../config';
import { openAwsRuntime } from '../lambda/aws-runtime';
import { loadLambdaConfig } from '../lambda/lambda-config';
import { loadLocalSecrets } from '../node/local-secrets';
import { createLocalResources } from './create-local-resources';
import { takeOverDataDir } from './data-dir-lock';
import { applyEnvironment, lambdaEnvironment } from './lambda-environment';
import { startManagementApi } from './management-api';
import { manifestOf, writeManifest } from './manifest';
import { startSqsPoller } from './sqs-poller';
import { startStandIns } from './stand-ins/start-stand-ins';
import { startStreamPoller } from './stream-poller';
import { openStreamPositions } from './stream-positions';
import { startSweepTimer, sweepIntervalMs } from './sweep-timer';
import { createWebSocketGateway, type WebSocketHandler } from './websocket-gateway';

/**
 * Everything `npm run start:aws-local` runs besides the shop's HTTP server (ADR 65): the
 * stand-ins as children, the resources from the shared definitions, the manifest, the real
 * Lambda handlers (imported once the environment points them at the stand-ins, as Lambda
 * loads a function with its configuration) and what invokes them — the SQS poller, the
 * DynamoDB Streams poller, the sweeper's timer and the WebSocket gateway. If any step fails,
 * what was started is stopped again before the error is thrown.
 */
export const openAwsLocal = async (base: Config, logger: Logger) => {
  // What is running, in the order it is stopped: clients first, then the pipelines that use
  // the stand-ins, the stand-ins, and the DATA_DIR lock last. Filled in as things start.
  const running: Partial<
    Record<
      'gateway' | 'pipelines' | 'management' | 'clients' | 'manifest' | 'standIns' | 'lock',
      () => Promise<void> | void
    >
  > = {};
  const close = async () => {
    for (const part of [
      'gateway',
      'pipelines',
      'management',
      'clients',
      'manifest',
      'standIns',
      'lock',
    ] as const) {
      const stop = running[part];
      delete running[part];
      try {
        await stop?.();
      } catch (error) {
        logger.warn({ err: error, part }, 'could not stop part of the local AWS stack');
      }
    }
  };
  try {
    const dataDir = resolve(base.DATA_DIR);
    makePrivateDir(dataDir);
    const stateDir = join(dataDir, 'aws-local');
    makePrivateDir(stateDir);
    const lock = await takeOverDataDir(dataDir, stateDir);
    running.lock = lock.release;
    if (lock.staleProcesses > 0) {
      logger.info({ stale: lock.staleProcesses }, 'ended the stand-ins a killed run left behind');
    }
    const region = base.AWS_REGION ?? 'us-east-1';
    const secrets = loadLocalSecrets(dataDir, {
      adminToken: base.ADMIN_TOKEN,
      sessionSecret: base.SESSION_SECRET,
    });

    const standIns = await startStandIns({ dataDir, region });
    running.standIns = standIns.stop;
    const { endpoints } = standIns;
    const local = { region, credentials: LOCAL_CREDENTIALS };
    const dynamodb = createDynamoDbClient({ ...local, endpoint: endpoints.dynamodb });
    const sqs = createSqsClient({ ...local, endpoint: endpoints.sqsAndS3 });
    const s3 = createS3Client({ ...local, endpoint: endpoints.sqsAndS3 });
    const streams = new DynamoDBStreamsClient(
      clientConfig({ ...local, endpoint: endpoints.dynamodb }),
    );
    const clients: { destroy(): void }[] = [dynamodb, sqs, s3, streams];
    running.clients = () => {
      for (const client of clients) client.destroy();
    };
    const resources = await createLocalResources({ dynamodb, sqs, s3 }, base.TABLE_PREFIX);
    if (resources.createdTables.length > 0) {
      logger.info({ created: resources.createdTables }, 'created the DynamoDB tables');
    }

    // The WebSocket gateway exists before the handler it invokes: the handler's module reads
    // the Management API's endpoint when it is imported.
    let wsHandler: WebSocketHandler = async () => ({ statusCode: 503 });
    const gateway = createWebSocketGateway({
      handler: (event, context) => wsHandler(event, context),
      region,
      log: logger.child({ component: 'websocket-gateway' }),
    });
    running.gateway = gateway.close;
    const management = await startManagementApi(gateway.registry);
    running.management = management.close;

    applyEnvironment(
      lambdaEnvironment({
        region,
        tablePrefix: base.TABLE_PREFIX,
        endpoints: { ...endpoints, management: `${management.endpoint}/local` },
        resources,
        secrets,
      }),
    );
    const config = loadLambdaConfig(process.env, 'http');
    const [worker, stream, ws] = await Promise.all([
      import('../main-lambda-worker'),
      import('../main-lambda-stream'),
      import('../main-lambda-ws'),
    ]);
    wsHandler = ws.handler;

    const manifest = writeManifest(
      dataDir,
      manifestOf({ endpoints, region, tablePrefix: base.TABLE_PREFIX, resources }),
    );
    running.manifest = manifest.remove;
    // The shop's HTTP server runs on the same parts as the HTTP Lambda, with its own clients.
    const shop = openAwsRuntime(config, logger);
    clients.push(...Object.values(shop.clients));

    return {
      config,
      dataDir,
      secrets,
      parts: shop.parts,
      gateway,
      manifestFile: manifest.file,
      pids: standIns.pids,
      /** Resolves with the name of a stand-in that exited while the shop was running. */
      standInExited: standIns.firstExit,
      /** The event source mappings and the schedule: from now on the handlers are invoked. */
      startPipelines() {
        const orderWorker = eventSourceDefinitions.orderWorker;
        const sqsPoller = startSqsPoller({
          client: sqs,
          queueUrl: resources.queues.orders.url,
          queueArn: resources.queues.orders.arn,
          region,
          handler: worker.handler,
          functionName: 'worker',
          log: logger.child({ component: 'sqs-poller' }),
          pollers: config.WORKER_CONCURRENCY,
          batchSize: orderWorker.batchSize,
          waitTimeSeconds: queueDefinitions.orders.receiveMessageWaitTimeSeconds,
          timeoutMs: orderWorker.timeoutSeconds * 1000,
        });
        const definition = eventSourceDefinitions.stream;
        const streamPoller = startStreamPoller({
          client: streams,
          streamArns: resources.streamArns,
          handler: stream.handler,
          functionName: 'stream',
          region,
          positions: openStreamPositions(join(stateDir, 'stream-positions.json')),
          log: logger.child({ component: 'stream-poller' }),
          startingPosition: definition.startingPosition,
          batchSize: definition.batchSize,
          batchingWindowMs: definition.maxBatchingWindowSeconds * 1000,
          retryAttempts: definition.retryAttempts,
          bisectOnError: definition.bisectBatchOnError,
          timeoutMs: definition.timeoutSeconds * 1000,
        });
        const sweeper = startSweepTimer({
          sweep: stream.sweep,
          everyMs: sweepIntervalMs(config.SWEEP_AFTER_MS),
          region,
          log: logger.child({ component: 'sweeper' }),
        });
        running.pipelines = async () => {
          await Promise.all([sweeper.stop(), sqsPoller.stop(), streamPoller.stop()]);
        };
      },
      /** Stops the pipelines, the gateway and every stand-in, and takes the manifest away. */
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
};
