import {
  type TableKey,
  tableDefinitions,
  tableNames,
} from '@sellout/adapter-aws/dynamodb/table-definitions';
import {
  bucketDefinitions,
  bucketName,
  queueDefinitions,
  queueNames,
} from '@sellout/adapter-aws/resource-definitions';
import { Duration, Stack, type StackProps } from 'aws-cdk-lib';
import { TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import type { Bucket } from 'aws-cdk-lib/aws-s3';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import type { EnvironmentSettings } from '../environments';
import { createLogsBucket, createPrivateBucket } from '../storage/private-bucket';
import { tableProps } from './table-props';

/** The physical names every function is configured with (TABLE_PREFIX, the queue names). */
export const resourcePrefix = (settings: EnvironmentSettings) => `sellout-${settings.name}-`;

/** S3 names are global: the account and region (of `stack`) make the shared name unique. */
export const invoiceBucketName = (settings: EnvironmentSettings, stack: Stack) =>
  `${bucketName(resourcePrefix(settings))}-${stack.account}-${stack.region}`;

type DataStackProps = StackProps & { settings: EnvironmentSettings };

/**
 * What holds the shop's state: the tables, the order queue and its dead letters, the invoices.
 * Apart from the functions (AppStack), so a change to those can never replace a table, and
 * every table, queue and bucket is built from the shared plain-data definitions.
 */
export class DataStack extends Stack {
  readonly tables: Record<TableKey, TableV2>;
  readonly ordersQueue: Queue;
  readonly ordersDeadLetterQueue: Queue;
  readonly invoices: Bucket;

  constructor(scope: Construct, id: string, props: DataStackProps) {
    super(scope, id, props);
    const { settings } = props;
    const prefix = resourcePrefix(settings);

    const names = tableNames(prefix);
    const warm = settings.data.warmThroughput;
    const warmFor = (key: TableKey) =>
      key === 'products' ? warm.products : key === 'orders' ? warm.orders : null;
    this.tables = Object.fromEntries(
      (Object.keys(tableDefinitions) as TableKey[]).map((key) => [
        key,
        new TableV2(
          this,
          `Table-${key}`,
          tableProps(names[key], tableDefinitions[key], settings, warmFor(key)),
        ),
      ]),
    ) as Record<TableKey, TableV2>;

    const queues = queueNames(prefix);
    const deadLetter = queueDefinitions.ordersDeadLetter;
    this.ordersDeadLetterQueue = new Queue(this, 'OrdersDeadLetterQueue', {
      queueName: queues.ordersDeadLetter,
      visibilityTimeout: Duration.seconds(deadLetter.visibilityTimeoutSeconds),
      retentionPeriod: Duration.seconds(deadLetter.messageRetentionSeconds),
      receiveMessageWaitTime: Duration.seconds(deadLetter.receiveMessageWaitTimeSeconds),
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
    });
    const orders = queueDefinitions.orders;
    this.ordersQueue = new Queue(this, 'OrdersQueue', {
      queueName: queues.orders,
      visibilityTimeout: Duration.seconds(orders.visibilityTimeoutSeconds),
      retentionPeriod: Duration.seconds(orders.messageRetentionSeconds),
      receiveMessageWaitTime: Duration.seconds(orders.receiveMessageWaitTimeSeconds),
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      deadLetterQueue: {
        queue: this.ordersDeadLetterQueue,
        maxReceiveCount: orders.redrive.maxReceiveCount,
      },
    });

    const logs = createLogsBucket(this, settings);
    const invoices = bucketDefinitions.invoices;
    this.invoices = createPrivateBucket(this, 'Invoices', settings, logs, {
      bucketName: invoiceBucketName(settings, this),
      versioned: invoices.versioned,
      lifecycleRules: [
        {
          id: 'invoices',
          abortIncompleteMultipartUploadAfter: Duration.days(
            invoices.lifecycle.abortIncompleteMultipartUploadAfterDays,
          ),
          expiration: Duration.days(invoices.lifecycle.expireAfterDays),
        },
      ],
    });
  }
}
