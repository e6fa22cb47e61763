import { DescribeTableCommand, DescribeTimeToLiveCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, describe, expect, it } from 'vitest';
import { localClient, withoutDynamoDb } from '../testing/dynamodb-test-tables';
import { deleteTables, ensureTables, toCreateTableInput } from './create-tables';
import { tableDefinitions, tableNames } from './table-definitions';

describe('table definitions', () => {
  it('turn into on-demand CreateTable requests with every key attribute declared once', () => {
    expect(toCreateTableInput(tableDefinitions.products, 'shop-products')).toEqual({
      TableName: 'shop-products',
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [
        { AttributeName: 'pk', AttributeType: 'S' },
        { AttributeName: 'category', AttributeType: 'S' },
        { AttributeName: 'catalog', AttributeType: 'S' },
      ],
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
      GlobalSecondaryIndexes: [
        {
          IndexName: 'by-category',
          KeySchema: [
            { AttributeName: 'category', KeyType: 'HASH' },
            { AttributeName: 'pk', KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'KEYS_ONLY' },
        },
        {
          IndexName: 'catalog',
          KeySchema: [
            { AttributeName: 'catalog', KeyType: 'HASH' },
            { AttributeName: 'pk', KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'KEYS_ONLY' },
        },
      ],
      StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' },
    });
    expect(toCreateTableInput(tableDefinitions.carts, 'c')).toEqual({
      TableName: 'c',
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
    });
  });

  it('name every table with the prefix', () => {
    expect(tableNames('shop-').orders).toBe('shop-orders');
    expect(Object.values(tableNames()).every((name) => name.startsWith('sellout-'))).toBe(true);
  });
});

describe.skipIf(withoutDynamoDb)('ensureTables on DynamoDB Local', () => {
  const client = withoutDynamoDb ? null : localClient();
  const names = tableNames(`t-ensure-${process.pid}-`);
  afterAll(async () => {
    if (!client) return;
    await deleteTables(client, names);
    client.destroy();
  });

  it('creates the missing tables with their streams and TTL, and leaves existing ones', async () => {
    const { created } = await ensureTables(client!, names);
    expect(created).toEqual(Object.values(names).sort());
    const describe = async (name: string) =>
      (await client!.send(new DescribeTableCommand({ TableName: name }))).Table!;
    for (const key of ['products', 'orders'] as const) {
      expect((await describe(names[key])).StreamSpecification).toEqual({
        StreamEnabled: true,
        StreamViewType: 'NEW_AND_OLD_IMAGES',
      });
    }
    expect((await describe(names.carts)).StreamSpecification).toBeUndefined();
    const byStatus = (await describe(names.orders)).GlobalSecondaryIndexes!.find(
      (index) => index.IndexName === 'by-status',
    );
    expect(byStatus?.Projection).toEqual({
      ProjectionType: 'INCLUDE',
      NonKeyAttributes: ['createdAt', 'stuckAt'],
    });
    const ttl = await client!.send(new DescribeTimeToLiveCommand({ TableName: names.idempotency }));
    expect(ttl.TimeToLiveDescription).toMatchObject({
      AttributeName: 'expiresAt',
      TimeToLiveStatus: 'ENABLED',
    });
    expect(await ensureTables(client!, names)).toEqual({ created: [] });
  });
});
