import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { type Alarm, MathExpression, Metric } from 'aws-cdk-lib/aws-cloudwatch';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { DataReferences } from '../app/data-references';
import type { SelloutFunction } from '../compute/sellout-function';
import type { EnvironmentSettings, FunctionName } from '../environments';
import { AlarmTopic, ONE_MINUTE } from './alarm-topic';

type ShopAlarmsProps = {
  settings: EnvironmentSettings;
  httpApi: HttpApi;
  functions: Record<FunctionName, SelloutFunction>;
  data: DataReferences;
  streamFailures: Queue;
};

/** Tables a checkout transaction writes hot items of: where conflicts mean contention. */
const CONFLICT_TABLES = ['products', 'orders'] as const;

/**
 * What someone on call must hear about, each to the alarm topic: the API failing or slow, a
 * function failing or throttled, an order in the dead letters, the queue or the stream
 * falling behind, DynamoDB throttling or fighting over hot items. The 5xx and error alarms
 * also roll a canary release back (SafeRelease).
 */
export class ShopAlarms extends Construct {
  readonly topic: AlarmTopic;
  readonly http5xx: Alarm;
  readonly httpLatency: Alarm;
  readonly functionErrors: Record<FunctionName, Alarm>;

  constructor(scope: Construct, id: string, props: ShopAlarmsProps) {
    super(scope, id);
    const { settings, httpApi, functions, data } = props;
    const limits = settings.alarms;
    this.topic = new AlarmTopic(this, 'Topic', settings);

    this.http5xx = this.topic.add('api-5xx-rate', {
      description: `More than ${limits.http5xxPercent} % of API answers were 5xx for 2 minutes`,
      metric: new MathExpression({
        expression: 'IF(requests > 0, 100 * errors / requests, 0)',
        usingMetrics: {
          errors: httpApi.metricServerError({ period: ONE_MINUTE, statistic: 'Sum' }),
          requests: httpApi.metricCount({ period: ONE_MINUTE, statistic: 'Sum' }),
        },
        period: ONE_MINUTE,
        label: '5xx %',
      }),
      threshold: limits.http5xxPercent,
      periods: 2,
    });
    this.httpLatency = this.topic.add('api-p99-latency', {
      description: `p99 API latency above ${limits.p99LatencyMs} ms for 3 minutes`,
      metric: httpApi.metricLatency({ period: ONE_MINUTE, statistic: 'p99' }),
      threshold: limits.p99LatencyMs,
      periods: 3,
    });

    const errors = {} as Record<FunctionName, Alarm>;
    for (const [name, { alias }] of Object.entries(functions) as [
      FunctionName,
      SelloutFunction,
    ][]) {
      errors[name] = this.topic.add(`${name}-errors`, {
        description: `The ${name} function failed (uncaught errors, timeouts) 2 minutes running`,
        metric: alias.metricErrors({ period: ONE_MINUTE, statistic: 'Sum' }),
        threshold: 0,
        periods: 2,
      });
      this.topic.add(`${name}-throttles`, {
        description: `The ${name} function was throttled (reserved concurrency reached) 2 minutes running`,
        metric: alias.metricThrottles({ period: ONE_MINUTE, statistic: 'Sum' }),
        threshold: 0,
        periods: 2,
      });
    }
    this.functionErrors = errors;

    this.topic.add('orders-dead-letters', {
      description:
        'An order message reached the dead-letter queue: its order is stuck (admin retry)',
      metric: data.ordersDeadLetterQueue.metricApproximateNumberOfMessagesVisible({
        period: ONE_MINUTE,
        statistic: 'Maximum',
      }),
      threshold: 0,
    });
    this.topic.add('stream-failures', {
      description: 'Stream records the relay gave up on: the sweeper re-sends their orders',
      metric: props.streamFailures.metricApproximateNumberOfMessagesVisible({
        period: ONE_MINUTE,
        statistic: 'Maximum',
      }),
      threshold: 0,
    });
    this.topic.add('orders-queue-age', {
      description: `An order waited over ${limits.queueAgeSeconds} s in the queue`,
      metric: data.ordersQueue.metricApproximateAgeOfOldestMessage({
        period: ONE_MINUTE,
        statistic: 'Maximum',
      }),
      threshold: limits.queueAgeSeconds,
      periods: 2,
    });
    this.topic.add('stream-iterator-age', {
      description: `The stream relay is over ${limits.streamIteratorAgeSeconds} s behind the tables`,
      metric: functions.stream.alias.metric('IteratorAge', {
        period: ONE_MINUTE,
        statistic: 'Maximum',
      }),
      threshold: limits.streamIteratorAgeSeconds * 1000,
      periods: 2,
    });

    for (const [key, table] of Object.entries(data.tables)) {
      this.topic.add(`${key}-throttled`, {
        description: `DynamoDB throttled requests on ${key} 2 minutes running (warm throughput, hot key?)`,
        metric: new MathExpression({
          expression: 'reads + writes',
          usingMetrics: {
            reads: table.metric('ReadThrottleEvents', { period: ONE_MINUTE, statistic: 'Sum' }),
            writes: table.metric('WriteThrottleEvents', { period: ONE_MINUTE, statistic: 'Sum' }),
          },
          period: ONE_MINUTE,
          label: `${key} throttle events`,
        }),
        threshold: 0,
        periods: 2,
      });
    }
    for (const key of CONFLICT_TABLES) {
      this.topic.add(`${key}-transaction-conflicts`, {
        description: `Over ${limits.transactionConflictsPerMinute} conflicting transactions a minute on ${key} (more stock shards?)`,
        metric: new Metric({
          namespace: 'AWS/DynamoDB',
          metricName: 'TransactionConflict',
          dimensionsMap: { TableName: data.tables[key].tableName },
          period: ONE_MINUTE,
          statistic: 'Sum',
        }),
        threshold: limits.transactionConflictsPerMinute,
        periods: 3,
      });
    }
  }
}
