import { eventSourceDefinitions } from '@sellout/adapter-aws/resource-definitions';
import { configSchema } from '@sellout/api/config';
import { type LambdaRole, loadLambdaConfig } from '@sellout/api/lambda/lambda-config';
import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { environments, FUNCTION_NAMES, type FunctionName } from '../environments';
import { appTemplate, ENVIRONMENTS, synthesizeAll } from '../testing/synthesized';

type FunctionResource = { Properties: Record<string, unknown> };

const functionsOf = (env: (typeof ENVIRONMENTS)[number]) => {
  const all = appTemplate(env).findResources('AWS::Lambda::Function') as Record<
    string,
    FunctionResource
  >;
  return Object.fromEntries(
    FUNCTION_NAMES.map((name) => {
      const found = Object.entries(all).find(
        ([, fn]) => fn.Properties.FunctionName === `sellout-${env}-${name}`,
      );
      if (!found) throw new Error(`no ${name} function in ${env}`);
      return [name, { logicalId: found[0], ...found[1].Properties }];
    }),
  ) as Record<FunctionName, Record<string, unknown> & { logicalId: string }>;
};

/** What each value is at deploy time, for the values CloudFormation fills in. */
const DEPLOYED: Record<string, string> = {
  QUEUE_URL: 'https://sqs.eu-west-1.amazonaws.com/123456789012/sellout-dev-orders',
  INVOICE_BUCKET: 'sellout-dev-invoices-123456789012-eu-west-1',
  WEBSOCKET_ENDPOINT: 'https://abc123.execute-api.eu-west-1.amazonaws.com/live',
  ADMIN_TOKEN: 'A'.repeat(48),
  SESSION_SECRET: 'S'.repeat(64),
};

const ROLE: Record<FunctionName, LambdaRole> = {
  http: 'http',
  worker: 'worker',
  stream: 'stream',
  sweeper: 'stream',
  ws: 'ws',
};

describe('the functions', () => {
  beforeAll(() => synthesizeAll());

  it('run Node.js 22 on arm64, traced, with JSON logs in their own log group', () => {
    for (const env of ENVIRONMENTS) {
      for (const fn of Object.values(functionsOf(env))) {
        expect(fn.Runtime).toBe('nodejs22.x');
        expect(fn.Architectures).toEqual(['arm64']);
        expect(fn.TracingConfig).toEqual({ Mode: 'Active' });
        expect(fn.LoggingConfig).toMatchObject({
          LogFormat: 'JSON',
          LogGroup: { Ref: expect.any(String) },
        });
      }
      const groups = Object.values(appTemplate(env).findResources('AWS::Logs::LogGroup'));
      for (const name of FUNCTION_NAMES) {
        expect(groups).toContainEqual(
          expect.objectContaining({
            Properties: {
              LogGroupName: `/aws/lambda/sellout-${env}-${name}`,
              RetentionInDays: environments[env].logRetentionDays,
            },
          }),
        );
      }
    }
  });

  it("are bundled from the API entry points, the sweeper being the stream entry's sweep", () => {
    const fns = functionsOf('dev');
    expect(fns.http.Handler).toBe('index.handler');
    expect(fns.sweeper.Handler).toBe('index.sweep');
    expect(fns.sweeper.Code).toEqual(fns.stream.Code);
    expect(fns.http.Code).not.toEqual(fns.stream.Code);
  });

  it('have only variables of the API config schema, which the Lambda config accepts as deployed', () => {
    const known = new Set(Object.keys(configSchema.shape));
    for (const env of ENVIRONMENTS) {
      for (const [name, fn] of Object.entries(functionsOf(env)) as [
        FunctionName,
        Record<string, unknown>,
      ][]) {
        const variables = (fn.Environment as { Variables: Record<string, unknown> }).Variables;
        const { NODE_OPTIONS, ...shop } = variables;
        expect(NODE_OPTIONS).toBe('--enable-source-maps');
        for (const key of Object.keys(shop)) expect(known.has(key), key).toBe(true);
        expect(shop).toMatchObject({
          STORE: 'dynamodb',
          TABLE_PREFIX: `sellout-${env}-`,
          STOCK_SHARDS: String(environments[env].stockShards),
          MAIL_TRANSPORT: 'ses',
          MAIL_FROM: environments[env].mail.from,
        });
        const deployed = Object.fromEntries(
          Object.entries(shop).map(([key, value]) => [
            key,
            typeof value === 'string' ? value : DEPLOYED[key],
          ]),
        );
        expect(() =>
          loadLambdaConfig({ ...deployed, AWS_REGION: 'eu-west-1' }, ROLE[name]),
        ).not.toThrow();
      }
    }
  });

  it('get their secrets by a Secrets Manager reference resolved at deploy time, never in the template', () => {
    const fns = functionsOf('prod');
    const variables = (name: FunctionName) =>
      (fns[name].Environment as { Variables: Record<string, unknown> }).Variables;
    for (const [name, key] of [
      ['http', 'ADMIN_TOKEN'],
      ['http', 'SESSION_SECRET'],
      ['ws', 'SESSION_SECRET'],
    ] as const) {
      expect(JSON.stringify(variables(name)[key])).toContain('{{resolve:secretsmanager:');
    }
    expect(variables('worker').ADMIN_TOKEN).toBeUndefined();
    expect(variables('stream').SESSION_SECRET).toBeUndefined();
  });

  it('take memory and reserved concurrency from the settings, provisioned concurrency on the live alias', () => {
    for (const env of ENVIRONMENTS) {
      const fns = functionsOf(env);
      const aliases = Object.values(appTemplate(env).findResources('AWS::Lambda::Alias'));
      for (const name of FUNCTION_NAMES) {
        const settings = environments[env].functions[name];
        expect(fns[name].MemorySize).toBe(settings.memoryMb);
        expect(fns[name].ReservedConcurrentExecutions).toBe(
          settings.reservedConcurrency ?? undefined,
        );
        const alias = aliases.find(
          (a) =>
            JSON.stringify(a.Properties.FunctionName) ===
            JSON.stringify({ Ref: fns[name].logicalId }),
        );
        expect(alias?.Properties.Name).toBe('live');
        expect(
          alias?.Properties.ProvisionedConcurrencyConfig?.ProvisionedConcurrentExecutions,
        ).toBe(settings.provisionedConcurrency || undefined);
      }
    }
  });

  it('feed the worker from the order queue with partial batch responses, on its live alias', () => {
    for (const env of ENVIRONMENTS) {
      const fns = functionsOf(env);
      appTemplate(env).hasResourceProperties('AWS::Lambda::EventSourceMapping', {
        EventSourceArn: {
          'Fn::GetStackOutput': Match.objectLike({ StackName: `Sellout-${env}-Data` }),
        },
        FunctionName: Match.objectLike({ 'Fn::Join': ['', Match.arrayWith([':live'])] }),
        BatchSize: eventSourceDefinitions.orderWorker.batchSize,
        FunctionResponseTypes: ['ReportBatchItemFailures'],
        ...(environments[env].functions.worker.reservedConcurrency
          ? {
              ScalingConfig: {
                MaximumConcurrency: environments[env].functions.worker.reservedConcurrency,
              },
            }
          : {}),
      });
      expect(fns.worker.Timeout).toBe(eventSourceDefinitions.orderWorker.timeoutSeconds);
    }
  });

  it('relay the orders and products streams to the stream function, failures to a queue', () => {
    const mappings = Object.values(
      appTemplate('prod').findResources('AWS::Lambda::EventSourceMapping'),
    );
    const streams = mappings.filter((m) => m.Properties.StartingPosition);
    expect(streams).toHaveLength(eventSourceDefinitions.stream.tables.length);
    for (const table of eventSourceDefinitions.stream.tables) {
      expect(streams).toContainEqual(
        expect.objectContaining({
          Properties: expect.objectContaining({
            EventSourceArn: {
              'Fn::GetStackOutput': expect.objectContaining({
                OutputName: expect.stringMatching(new RegExp(`Table${table}.*StreamArn`)),
              }),
            },
            StartingPosition: 'LATEST',
            BatchSize: 100,
            FunctionResponseTypes: ['ReportBatchItemFailures'],
            BisectBatchOnFunctionError: true,
            MaximumRetryAttempts: 10,
            DestinationConfig: {
              OnFailure: {
                Destination: { 'Fn::GetAtt': [expect.stringMatching(/^StreamFailures/), 'Arn'] },
              },
            },
          }),
        }),
      );
    }
  });

  it('run the sweeper every minute', () => {
    appTemplate('dev').hasResourceProperties('AWS::Events::Rule', {
      ScheduleExpression: 'rate(1 minute)',
      Targets: [Match.objectLike({ Arn: { Ref: Match.stringLikeRegexp('^FnsweeperLive') } })],
    });
  });
});
