import { type TableKey, tableDefinitions } from '@sellout/adapter-aws/dynamodb/table-definitions';
import { RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, ProjectionType, StreamViewType } from 'aws-cdk-lib/aws-dynamodb';
import { describe, expect, it } from 'vitest';
import { environments } from '../environments';
import { tableProps } from './table-props';

const keys = Object.keys(tableDefinitions) as TableKey[];

describe('tableProps: a shared table definition as TableV2 props', () => {
  it('takes keys, indexes, stream and TTL from the definition and nothing else', () => {
    for (const key of keys) {
      const definition = tableDefinitions[key];
      const props = tableProps(`t-${key}`, definition, environments.prod);
      expect(props.tableName).toBe(`t-${key}`);
      expect(props.partitionKey).toEqual({
        name: definition.partitionKey.name,
        type: AttributeType.STRING,
      });
      const sortKey = 'sortKey' in definition ? definition.sortKey : undefined;
      expect(props.sortKey?.name).toBe(sortKey?.name);
      expect(props.globalSecondaryIndexes?.map((index) => index.indexName)).toEqual(
        definition.indexes.map((index) => index.name),
      );
      expect(props.dynamoStream).toBe(
        definition.stream ? StreamViewType.NEW_AND_OLD_IMAGES : undefined,
      );
      expect(props.timeToLiveAttribute).toBe(definition.timeToLiveAttribute ?? undefined);
    }
  });

  it('keeps the projection of each index, INCLUDE attributes too', () => {
    const byStatus = tableProps(
      'o',
      tableDefinitions.orders,
      environments.dev,
    ).globalSecondaryIndexes?.find((index) => index.indexName === 'by-status');
    expect(byStatus).toMatchObject({
      partitionKey: { name: 'statusShard' },
      sortKey: { name: 'pk' },
      projectionType: ProjectionType.INCLUDE,
      nonKeyAttributes: ['createdAt', 'stuckAt'],
    });
    const byCategory = tableProps(
      'p',
      tableDefinitions.products,
      environments.dev,
    ).globalSecondaryIndexes?.find((index) => index.indexName === 'by-category');
    expect(byCategory?.projectionType).toBe(ProjectionType.KEYS_ONLY);
  });

  it('protects prod data and lets dev data go', () => {
    const prod = tableProps('o', tableDefinitions.orders, environments.prod);
    expect(prod.removalPolicy).toBe(RemovalPolicy.RETAIN);
    expect(prod.deletionProtection).toBe(true);
    expect(prod.pointInTimeRecoverySpecification).toEqual({ pointInTimeRecoveryEnabled: true });
    const dev = tableProps('o', tableDefinitions.orders, environments.dev);
    expect(dev.removalPolicy).toBe(RemovalPolicy.DESTROY);
    expect(dev.deletionProtection).toBe(false);
  });

  it('sets warm throughput only when asked', () => {
    const warm = { readUnitsPerSecond: 12_000, writeUnitsPerSecond: 40_000 };
    expect(
      tableProps('p', tableDefinitions.products, environments.prod, warm).warmThroughput,
    ).toEqual(warm);
    expect(
      tableProps('p', tableDefinitions.products, environments.prod).warmThroughput,
    ).toBeUndefined();
  });
});
