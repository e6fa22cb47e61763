import { tableDefinitions } from '@sellout/adapter-aws/dynamodb/table-definitions';
import { BUSINESS_METRICS, METRICS_NAMESPACE } from '@sellout/api/lambda/business-metrics';
import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { environments, FUNCTION_NAMES } from '../environments';
import { appTemplate, type CfnJson, ENVIRONMENTS, synthesizeAll } from '../testing/synthesized';

type AlarmResource = { Properties: CfnJson };

const alarmsOf = (env: (typeof ENVIRONMENTS)[number]) =>
  Object.fromEntries(
    Object.entries(appTemplate(env).findResources('AWS::CloudWatch::Alarm')).map(([id, alarm]) => [
      (alarm as AlarmResource).Properties.AlarmName.replace(`sellout-${env}-`, ''),
      { id, ...(alarm as AlarmResource).Properties },
    ]),
  ) as Record<string, CfnJson & { id: string }>;

const metricNames = (alarm: CfnJson) =>
  alarm.MetricName
    ? [alarm.MetricName]
    : (alarm.Metrics as { MetricStat?: { Metric: { MetricName: string } } }[])
        .filter((m) => m.MetricStat)
        .map((m) => m.MetricStat!.Metric.MetricName);

describe('operations', () => {
  beforeAll(() => synthesizeAll());

  it('alarms on what breaks a sale, each to the alarm topic', () => {
    for (const env of ENVIRONMENTS) {
      const alarms = alarmsOf(env);
      const limits = environments[env].alarms;
      const expected = [
        'api-5xx-rate',
        'api-p99-latency',
        ...FUNCTION_NAMES.flatMap((name) => [`${name}-errors`, `${name}-throttles`]),
        'orders-dead-letters',
        'stream-failures',
        'orders-queue-age',
        'stream-iterator-age',
        ...Object.keys(tableDefinitions).map((key) => `${key}-throttled`),
        'products-transaction-conflicts',
        'orders-transaction-conflicts',
      ];
      expect(Object.keys(alarms).sort()).toEqual(expected.sort());
      const [topic] = Object.keys(appTemplate(env).findResources('AWS::SNS::Topic'));
      for (const alarm of Object.values(alarms)) {
        expect(alarm.AlarmActions).toEqual([{ Ref: topic }]);
        expect(alarm.OKActions).toEqual([{ Ref: topic }]);
        expect(alarm.TreatMissingData).toBe('notBreaching');
      }

      expect(metricNames(alarms['api-5xx-rate']!).sort()).toEqual(['5xx', 'Count']);
      expect(alarms['api-5xx-rate']!.Threshold).toBe(limits.http5xxPercent);
      expect(alarms['api-p99-latency']).toMatchObject({
        MetricName: 'Latency',
        ExtendedStatistic: 'p99',
        Threshold: limits.p99LatencyMs,
      });
      expect(alarms['orders-dead-letters']).toMatchObject({
        MetricName: 'ApproximateNumberOfMessagesVisible',
        Statistic: 'Maximum',
        Threshold: 0,
        ComparisonOperator: 'GreaterThanThreshold',
        Dimensions: [{ Name: 'QueueName', Value: expect.anything() }],
      });
      expect(JSON.stringify(alarms['orders-dead-letters']!.Dimensions)).toContain(
        'OrdersDeadLetterQueue',
      );
      expect(alarms['orders-queue-age']).toMatchObject({
        MetricName: 'ApproximateAgeOfOldestMessage',
        Threshold: limits.queueAgeSeconds,
      });
      expect(alarms['orders-transaction-conflicts']).toMatchObject({
        Namespace: 'AWS/DynamoDB',
        MetricName: 'TransactionConflict',
        Dimensions: [{ Name: 'TableName', Value: `sellout-${env}-orders` }],
        Threshold: limits.transactionConflictsPerMinute,
      });
      expect(metricNames(alarms['products-throttled']!).sort()).toEqual([
        'ReadThrottleEvents',
        'WriteThrottleEvents',
      ]);
      expect(alarms['http-errors']).toMatchObject({
        MetricName: 'Errors',
        Namespace: 'AWS/Lambda',
        Threshold: 0,
      });
      expect(alarms['ws-throttles']).toMatchObject({ MetricName: 'Throttles' });
      // A function's alarms watch its live alias, the version CodeDeploy moves.
      expect(alarms['http-errors']!.Dimensions).toContainEqual({
        Name: 'Resource',
        Value: expect.anything(),
      });
    }
  });

  it('emails the alarms to the on-call address when the settings name one', () => {
    for (const env of ENVIRONMENTS) {
      const subscriptions = appTemplate(env).findResources('AWS::SNS::Subscription');
      expect(Object.keys(subscriptions).length).toBe(environments[env].alarms.email ? 1 : 0);
    }
  });

  it("shifts prod by CodeDeploy canary and rolls back when the 5xx or the function's error alarm fires", () => {
    const alarms = alarmsOf('prod');
    const template = appTemplate('prod');
    const groups = Object.values(template.findResources('AWS::CodeDeploy::DeploymentGroup'));
    expect(groups).toHaveLength(FUNCTION_NAMES.length);
    for (const name of FUNCTION_NAMES) {
      const group = groups.find((g) => g.Properties.DeploymentGroupName === `sellout-prod-${name}`);
      expect(group?.Properties).toMatchObject({
        DeploymentConfigName: 'CodeDeployDefault.LambdaCanary10Percent5Minutes',
        DeploymentStyle: { DeploymentType: 'BLUE_GREEN', DeploymentOption: 'WITH_TRAFFIC_CONTROL' },
        AlarmConfiguration: {
          Enabled: true,
          Alarms: [
            { Name: { Ref: alarms['api-5xx-rate']!.id } },
            { Name: { Ref: alarms[`${name}-errors`]!.id } },
          ],
        },
        AutoRollbackConfiguration: {
          Enabled: true,
          Events: expect.arrayContaining(['DEPLOYMENT_FAILURE', 'DEPLOYMENT_STOP_ON_ALARM']),
        },
      });
      // CodeDeploy moves the live alias: CloudFormation hands the update to it.
      const [aliasId] = Object.entries(template.findResources('AWS::Lambda::Alias')).find(([id]) =>
        id.startsWith(`Fn${name}Live`),
      )!;
      const alias = template.toJSON().Resources[aliasId];
      expect(alias.UpdatePolicy.CodeDeployLambdaAliasUpdate).toMatchObject({
        DeploymentGroupName: { Ref: expect.stringMatching(new RegExp(`^ReleaseGroup${name}`)) },
      });
    }
  });

  it('moves the alias at once where no canary is asked for (dev)', () => {
    expect(environments.dev.release).toBe('all-at-once');
    expect(appTemplate('dev').findResources('AWS::CodeDeploy::DeploymentGroup')).toEqual({});
    for (const alias of Object.values(appTemplate('dev').toJSON().Resources as CfnJson).filter(
      (r) => r.Type === 'AWS::Lambda::Alias',
    )) {
      expect(alias.UpdatePolicy).toBeUndefined();
    }
  });

  it('draws a dashboard with the business metrics the handlers emit', () => {
    for (const env of ENVIRONMENTS) {
      const [dashboard] = Object.values(
        appTemplate(env).findResources('AWS::CloudWatch::Dashboard'),
      );
      expect(dashboard!.Properties.DashboardName).toBe(`sellout-${env}`);
      const body = JSON.stringify(dashboard!.Properties.DashboardBody);
      for (const metric of Object.values(BUSINESS_METRICS)) {
        expect(body).toContain(
          `\\"${METRICS_NAMESPACE}\\",\\"${metric}\\",\\"Shop\\",\\"sellout-${env}\\"`,
        );
      }
    }
  });

  it('keeps every log group only as long as the environment says', () => {
    for (const env of ENVIRONMENTS) {
      const groups = Object.values(appTemplate(env).findResources('AWS::Logs::LogGroup'));
      expect(groups.length).toBeGreaterThanOrEqual(FUNCTION_NAMES.length + 2);
      for (const group of groups) {
        expect(group.Properties.RetentionInDays).toBe(environments[env].logRetentionDays);
      }
    }
  });

  it('writes the API access logs', () => {
    appTemplate('prod').hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AccessLogSettings: {
        DestinationArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^ApiAccessLogs'), 'Arn'] },
        Format: Match.anyValue(),
      },
    });
  });
});
