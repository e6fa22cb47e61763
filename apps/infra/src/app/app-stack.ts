import {
  eventSourceDefinitions,
  queueDefinitions,
} from '@sellout/adapter-aws/resource-definitions';
import { CfnOutput, Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import {
  HttpApi,
  HttpStage,
  LogGroupLogDestination,
  WebSocketApi,
  WebSocketStage,
} from 'aws-cdk-lib/aws-apigatewayv2';
import {
  HttpLambdaIntegration,
  WebSocketLambdaIntegration,
} from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq, SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import { EmailIdentity, Identity } from 'aws-cdk-lib/aws-ses';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import type { LambdaEnvironment } from '../compute/lambda-environment';
import { SelloutFunction } from '../compute/sellout-function';
import { type DataStack, resourcePrefix } from '../data/data-stack';
import { LIVE_STAGE_NAME, Storefront } from '../edge/storefront';
import type { EnvironmentSettings, FunctionName } from '../environments';
import { SafeRelease } from '../ops/safe-release';
import { ShopAlarms } from '../ops/shop-alarms';
import { ShopDashboard } from '../ops/shop-dashboard';
import { createLogsBucket } from '../storage/private-bucket';
import { referToData } from './data-references';
import { ShopSecrets } from './shop-secrets';
import { TABLE_ACCESS } from './table-access';

/** The invoice objects (`invoices/<order id>.txt`): the only keys the functions may touch. */
const INVOICE_KEYS = 'invoices/*';
/** What GET /api/docs reads on first use (apps/api/src/routes/docs.ts), beside the bundle. */
const SWAGGER_UI = 'node_modules/swagger-ui-dist';
const API_REFERENCE_FILES = [
  ...['package.json', 'swagger-ui-bundle.js', 'swagger-ui.css'].map((file) => ({
    from: `${SWAGGER_UI}/${file}`,
    to: `${SWAGGER_UI}/${file}`,
  })),
  { from: 'apps/api/src/docs', to: 'docs' },
];

type AppStackProps = StackProps & {
  settings: EnvironmentSettings;
  data: DataStack;
  /** The storefront build to upload (apps/web/dist). */
  siteDir: string;
};

/**
 * The shop's code and its front doors: the five functions behind their `live` aliases, the
 * HTTP and WebSocket APIs, the CloudFront distribution, mail, alarms and the dashboard. The
 * data it works on lives in DataStack, granted to each function resource by resource.
 */
export class AppStack extends Stack {
  readonly functions: Record<FunctionName, SelloutFunction>;
  readonly httpApi: HttpApi;
  readonly webSocketApi: WebSocketApi;
  readonly storefront: Storefront;
  readonly alarms: ShopAlarms;

  constructor(scope: Construct, id: string, props: AppStackProps) {
    super(scope, id, props);
    const { settings } = props;
    const data = referToData(this, props.data, settings);
    this.addStackDependency(props.data);
    const logs = createLogsBucket(this, settings);
    const secrets = new ShopSecrets(this, 'Secrets', settings);
    const mailIdentity = new EmailIdentity(this, 'MailFrom', {
      identity: Identity.email(settings.mail.identity),
    });

    const shared: LambdaEnvironment = {
      STORE: 'dynamodb',
      TABLE_PREFIX: resourcePrefix(settings),
      STOCK_SHARDS: String(settings.stockShards),
      LOG_LEVEL: settings.logLevel,
      SEED: 'none',
      QUEUE_URL: data.ordersQueue.queueUrl,
      MAX_RECEIVE_COUNT: String(queueDefinitions.orders.redrive.maxReceiveCount),
      INVOICE_BUCKET: data.invoices.bucketName,
      MAIL_TRANSPORT: 'ses',
      MAIL_FROM: settings.mail.from,
      ...(settings.alarms.email ? { OWNER_EMAIL: settings.alarms.email } : {}),
    };
    const sessionSecret = secrets.sessionSecret.secretValue.unsafeUnwrap();
    const fn = (
      name: FunctionName,
      entry: string,
      handler: string,
      timeoutSeconds: number,
      description: string,
      environment: LambdaEnvironment,
      files?: readonly { from: string; to: string }[],
    ) =>
      new SelloutFunction(this, `Fn-${name}`, {
        name,
        entry,
        handler,
        description,
        timeout: Duration.seconds(timeoutSeconds),
        environment: { ...shared, ...environment },
        settings,
        files,
      });

    // The WebSocket API first: the stream relay posts to its stage.
    const ws = fn('ws', 'ws', 'handler', 10, 'WebSocket $connect, $disconnect, $default', {
      SESSION_SECRET: sessionSecret,
    });
    this.webSocketApi = new WebSocketApi(this, 'WebSocketApi', {
      apiName: `sellout-${settings.name}-live`,
      description: 'Live stock and order status (/api/live)',
      connectRouteOptions: { integration: new WebSocketLambdaIntegration('LiveConnect', ws.alias) },
      disconnectRouteOptions: {
        integration: new WebSocketLambdaIntegration('LiveDisconnect', ws.alias),
      },
      defaultRouteOptions: { integration: new WebSocketLambdaIntegration('LiveMessage', ws.alias) },
    });
    const liveStage = new WebSocketStage(this, 'WebSocketStage', {
      webSocketApi: this.webSocketApi,
      stageName: LIVE_STAGE_NAME,
      autoDeploy: true,
      throttle: settings.throttle.webSocket,
      accessLogSettings: {
        destination: new LogGroupLogDestination(this.accessLogs('Live', settings)),
      },
    });

    const http = fn(
      'http',
      'http',
      'handler',
      15,
      'The shop API (API Gateway HTTP API)',
      {
        ADMIN_TOKEN: secrets.adminToken.secretValue.unsafeUnwrap(),
        SESSION_SECRET: sessionSecret,
      },
      API_REFERENCE_FILES,
    );
    const worker = fn(
      'worker',
      'worker',
      'handler',
      eventSourceDefinitions.orderWorker.timeoutSeconds,
      'Order processing: payment, invoice, email, status (SQS)',
      {},
    );
    const stream = fn(
      'stream',
      'stream',
      'handler',
      eventSourceDefinitions.stream.timeoutSeconds,
      'New orders to SQS, live messages to the WebSocket connections (DynamoDB Streams)',
      { WEBSOCKET_ENDPOINT: liveStage.callbackUrl },
    );
    const sweeper = fn(
      'sweeper',
      'stream',
      'sweep',
      eventSourceDefinitions.sweeper.timeoutSeconds,
      'Re-sends orders that made no progress (every minute)',
      { WEBSOCKET_ENDPOINT: liveStage.callbackUrl },
    );
    this.functions = { http, worker, stream, sweeper, ws };

    this.httpApi = new HttpApi(this, 'HttpApi', {
      apiName: `sellout-${settings.name}-api`,
      description: 'The shop API (/api/*), behind CloudFront',
      createDefaultStage: false,
      defaultIntegration: new HttpLambdaIntegration('Api', http.alias),
    });
    new HttpStage(this, 'HttpStage', {
      httpApi: this.httpApi,
      stageName: '$default',
      autoDeploy: true,
      throttle: settings.throttle.http,
      accessLogSettings: {
        destination: new LogGroupLogDestination(this.accessLogs('Api', settings)),
      },
    });

    // Data access, resource by resource (table-access.ts says which function touches what).
    for (const [name, access] of Object.entries(TABLE_ACCESS)) {
      const grantee = this.functions[name as FunctionName].function;
      for (const key of access.readWrite) data.tables[key].grantReadWriteData(grantee);
      for (const key of access.read) data.tables[key].grantReadData(grantee);
    }
    data.ordersQueue.grantSendMessages(http.function);
    data.ordersQueue.grantSendMessages(stream.function);
    data.ordersQueue.grantSendMessages(sweeper.function);
    data.invoices.grantRead(http.function, INVOICE_KEYS);
    data.invoices.grantPut(worker.function, INVOICE_KEYS);
    data.invoices.grantRead(worker.function, INVOICE_KEYS);
    mailIdentity.grantSendEmail(worker.function);
    liveStage.grantManagementApiAccess(stream.function);
    liveStage.grantManagementApiAccess(sweeper.function);

    const worked = eventSourceDefinitions.orderWorker;
    const workerConcurrency = settings.functions.worker.reservedConcurrency;
    worker.alias.addEventSource(
      new SqsEventSource(data.ordersQueue, {
        batchSize: worked.batchSize,
        maxBatchingWindow:
          worked.maxBatchingWindowSeconds > 0
            ? Duration.seconds(worked.maxBatchingWindowSeconds)
            : undefined,
        reportBatchItemFailures: worked.reportBatchItemFailures,
        // Below the reserved concurrency, so SQS never hands a batch to a throttled function.
        ...(workerConcurrency !== null && workerConcurrency >= 2
          ? { maxConcurrency: workerConcurrency }
          : {}),
      }),
    );

    const streamed = eventSourceDefinitions.stream;
    const streamFailures = new Queue(this, 'StreamFailures', {
      queueName: `${resourcePrefix(settings)}stream-failures`,
      retentionPeriod: Duration.days(14),
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
    });
    for (const table of streamed.tables) {
      stream.alias.addEventSource(
        new DynamoEventSource(data.tables[table], {
          startingPosition: StartingPosition[streamed.startingPosition],
          batchSize: streamed.batchSize,
          maxBatchingWindow: Duration.seconds(streamed.maxBatchingWindowSeconds),
          parallelizationFactor: streamed.parallelizationFactor,
          reportBatchItemFailures: streamed.reportBatchItemFailures,
          bisectBatchOnError: streamed.bisectBatchOnError,
          retryAttempts: streamed.retryAttempts,
          onFailure: new SqsDlq(streamFailures),
        }),
      );
    }
    new Rule(this, 'SweepSchedule', {
      description: 'Runs the sweeper: orders that made no progress go back to the queue',
      schedule: Schedule.rate(Duration.minutes(eventSourceDefinitions.sweeper.everyMinutes)),
      targets: [new LambdaFunction(sweeper.alias, { retryAttempts: 0 })],
    });

    this.storefront = new Storefront(this, 'Storefront', {
      settings,
      siteDir: props.siteDir,
      httpApiId: this.httpApi.apiId,
      webSocketApiId: this.webSocketApi.apiId,
      logs,
    });

    this.alarms = new ShopAlarms(this, 'Alarms', {
      settings,
      httpApi: this.httpApi,
      functions: this.functions,
      data,
      streamFailures,
    });
    new ShopDashboard(this, 'Dashboard', {
      settings,
      httpApi: this.httpApi,
      functions: this.functions,
      data,
      alarms: this.alarms,
    });
    new SafeRelease(this, 'Release', { settings, functions: this.functions, alarms: this.alarms });

    new CfnOutput(this, 'Url', {
      description: 'The shop',
      value: `https://${settings.domain?.name ?? this.storefront.distribution.distributionDomainName}`,
    });
    new CfnOutput(this, 'AdminTokenSecret', {
      description: 'aws secretsmanager get-secret-value --secret-id <this> reads the admin token',
      value: secrets.adminToken.secretName,
    });
  }

  private accessLogs(id: string, settings: EnvironmentSettings) {
    return new LogGroup(this, `${id}AccessLogs`, {
      retention: settings.logRetentionDays,
      removalPolicy:
        settings.removalPolicy === 'retain' ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
  }
}
