import { Duration } from 'aws-cdk-lib';
import {
  Alarm,
  ComparisonOperator,
  type IMetric,
  TreatMissingData,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';
import type { EnvironmentSettings } from '../environments';

type AlarmOptions = {
  metric: IMetric;
  threshold: number;
  description: string;
  /** Consecutive one-minute periods over the threshold; 1 unless said. */
  periods?: number;
  comparison?: ComparisonOperator;
};

/**
 * Where the shop's alarms go: one SNS topic (encrypted with a key CloudWatch may use, since
 * the AWS-managed SNS key does not let CloudWatch publish), with the on-call email when the
 * environment names one. Every alarm alerts on ALARM and on its return to OK; missing data
 * (no traffic) is not a breach.
 */
export class AlarmTopic extends Construct {
  readonly topic: Topic;
  readonly alarms: Alarm[] = [];
  private readonly prefix: string;

  constructor(scope: Construct, id: string, settings: EnvironmentSettings) {
    super(scope, id);
    this.prefix = `sellout-${settings.name}`;
    const key = new Key(this, 'Key', {
      description: `${this.prefix} alarm topic`,
      enableKeyRotation: true,
    });
    key.grant(
      new ServicePrincipal('cloudwatch.amazonaws.com'),
      'kms:Decrypt',
      'kms:GenerateDataKey*',
    );
    this.topic = new Topic(this, 'Topic', {
      topicName: `${this.prefix}-alarms`,
      masterKey: key,
      enforceSSL: true,
    });
    if (settings.alarms.email)
      this.topic.addSubscription(new EmailSubscription(settings.alarms.email));
  }

  add(id: string, options: AlarmOptions): Alarm {
    const alarm = new Alarm(this, id, {
      alarmName: `${this.prefix}-${id}`,
      alarmDescription: options.description,
      metric: options.metric,
      threshold: options.threshold,
      evaluationPeriods: options.periods ?? 1,
      datapointsToAlarm: options.periods ?? 1,
      comparisonOperator: options.comparison ?? ComparisonOperator.GREATER_THAN_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    alarm.addAlarmAction(new SnsAction(this.topic));
    alarm.addOkAction(new SnsAction(this.topic));
    this.alarms.push(alarm);
    return alarm;
  }
}

export const ONE_MINUTE = Duration.minutes(1);
