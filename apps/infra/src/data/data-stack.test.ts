import { type TableKey, tableDefinitions } from '@sellout/adapter-aws/dynamodb/table-definitions';
import { queueDefinitions } from '@sellout/adapter-aws/resource-definitions';
import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  dataTemplate,
  ENVIRONMENTS,
  synthesizeAll,
  synthesizeVariant,
} from '../testing/synthesized';

type TableResource = {
  Properties: Record<string, unknown>;
  DeletionPolicy?: string;
  UpdateReplacePolicy?: string;
};

const tablesOf = (env: (typeof ENVIRONMENTS)[number]) =>
  Object.values(dataTemplate(env).findResources('AWS::DynamoDB::GlobalTable')) as TableResource[];

const tableNamed = (env: (typeof ENVIRONMENTS)[number], key: TableKey) => {
  const found = tablesOf(env).find((t) => t.Properties.TableName === `sellout-${env}-${key}`);
  if (!found) throw new Error(`no table ${key} in ${env}`);
  return found;
};

const keySchema = (partition: { name: string }, sort?: { name: string }) => [
  { AttributeName: partition.name, KeyType: 'HASH' },
  ...(sort ? [{ AttributeName: sort.name, KeyType: 'RANGE' }] : []),
];

describe('the data stack', () => {
  beforeAll(() => synthesizeAll());

  it('has exactly the tables of the shared definitions, with their keys, indexes, streams and TTL', () => {
    for (const env of ENVIRONMENTS) {
      expect(tablesOf(env)).toHaveLength(Object.keys(tableDefinitions).length);
      for (const [key, definition] of Object.entries(tableDefinitions) as [
        TableKey,
        (typeof tableDefinitions)[TableKey],
      ][]) {
        const { Properties: table } = tableNamed(env, key);
        expect(table.KeySchema).toEqual(
          keySchema(
            definition.partitionKey,
            'sortKey' in definition ? definition.sortKey : undefined,
          ),
        );
        expect(table.BillingMode).toBe('PAY_PER_REQUEST');
        const indexes = (table.GlobalSecondaryIndexes ?? []) as {
          IndexName: string;
          KeySchema: unknown;
          Projection: { ProjectionType: string; NonKeyAttributes?: string[] };
        }[];
        expect(indexes.map((index) => index.IndexName)).toEqual(
          definition.indexes.map((index) => index.name),
        );
        for (const [i, index] of definition.indexes.entries()) {
          expect(indexes[i]!.KeySchema).toEqual(keySchema(index.partitionKey, index.sortKey));
          expect(indexes[i]!.Projection.ProjectionType).toBe(index.projection.type);
          if (index.projection.type === 'INCLUDE') {
            expect(indexes[i]!.Projection.NonKeyAttributes).toEqual(index.projection.attributes);
          }
        }
        expect(table.StreamSpecification).toEqual(
          definition.stream ? { StreamViewType: definition.stream } : undefined,
        );
        expect(table.TimeToLiveSpecification).toEqual(
          definition.timeToLiveAttribute
            ? { AttributeName: definition.timeToLiveAttribute, Enabled: true }
            : undefined,
        );
        expect(table.SSESpecification).toEqual({ SSEEnabled: true, SSEType: 'KMS' });
      }
    }
  });

  it('retains prod tables with point-in-time recovery and deletion protection', () => {
    for (const key of Object.keys(tableDefinitions) as TableKey[]) {
      const prod = tableNamed('prod', key);
      expect(prod.DeletionPolicy).toBe('Retain');
      expect(prod.UpdateReplacePolicy).toBe('Retain');
      const [replica] = prod.Properties.Replicas as Record<string, unknown>[];
      expect(replica).toMatchObject({
        DeletionProtectionEnabled: true,
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      });
      const dev = tableNamed('dev', key);
      expect(dev.DeletionPolicy).toBe('Delete');
      expect((dev.Properties.Replicas as Record<string, unknown>[])[0]).toMatchObject({
        DeletionProtectionEnabled: false,
      });
    }
  });

  it('sends an order message to the dead letters after maxReceiveCount deliveries', () => {
    for (const env of ENVIRONMENTS) {
      const template = dataTemplate(env);
      const queues = template.findResources('AWS::SQS::Queue');
      const dlq = Object.entries(queues).find(
        ([, q]) => q.Properties.QueueName === `sellout-${env}-orders-dlq`,
      );
      expect(dlq).toBeDefined();
      template.hasResourceProperties('AWS::SQS::Queue', {
        QueueName: `sellout-${env}-orders`,
        VisibilityTimeout: queueDefinitions.orders.visibilityTimeoutSeconds,
        RedrivePolicy: {
          deadLetterTargetArn: { 'Fn::GetAtt': [dlq![0], 'Arn'] },
          maxReceiveCount: queueDefinitions.orders.redrive.maxReceiveCount,
        },
        SqsManagedSseEnabled: true,
      });
      template.hasResourceProperties('AWS::SQS::Queue', {
        QueueName: `sellout-${env}-orders-dlq`,
        MessageRetentionPeriod: queueDefinitions.ordersDeadLetter.messageRetentionSeconds,
        SqsManagedSseEnabled: true,
      });
    }
  });

  it('keeps invoices in a private, encrypted, TLS-only bucket that expires them', () => {
    const template = dataTemplate('prod');
    template.hasResourceProperties('AWS::S3::Bucket', {
      BucketName: {
        'Fn::Join': ['', ['sellout-prod-invoices-', { Ref: 'AWS::AccountId' }, '-eu-west-1']],
      },
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [
          { ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } },
        ],
      },
      LifecycleConfiguration: {
        Rules: [
          Match.objectLike({
            ExpirationInDays: 3650,
            AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 },
            Status: 'Enabled',
          }),
        ],
      },
      LoggingConfiguration: Match.objectLike({ LogFilePrefix: 'invoices/' }),
    });
  });

  it('pre-warms the products and orders tables when the settings say so', () => {
    const warm = { readUnitsPerSecond: 15_000, writeUnitsPerSecond: 40_000 };
    const { data } = synthesizeVariant('prod', (settings) => ({
      ...settings,
      data: { ...settings.data, warmThroughput: { products: warm, orders: warm } },
    }));
    for (const key of ['products', 'orders']) {
      data.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
        TableName: `sellout-prod-${key}`,
        WarmThroughput: { ReadUnitsPerSecond: 15_000, WriteUnitsPerSecond: 40_000 },
      });
    }
    const carts = Object.values(data.findResources('AWS::DynamoDB::GlobalTable')).find(
      (t) => t.Properties.TableName === 'sellout-prod-carts',
    );
    expect(carts?.Properties.WarmThroughput).toBeUndefined();
    expect(
      dataTemplate('prod').findResources('AWS::DynamoDB::GlobalTable', {
        Properties: { WarmThroughput: Match.anyValue() },
      }),
    ).toEqual({});
  });
});
