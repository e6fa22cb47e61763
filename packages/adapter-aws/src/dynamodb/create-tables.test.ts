import {
  CreateTableCommand,
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  PutItemCommand,
  QueryCommand,
} from '@aws-sdk/client-dynamodb';
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
    expect(await ensureTables(client!, names)).toEqual({ created: [], indexesAdded: [] });
  });

  it('adds the indexes a table made by an older version lacks, and they serve new items', async () => {
    const older = tableNames(`t-older-${process.pid}-`);
    const withoutByEmail = {
      ...tableDefinitions.orders,
      indexes: tableDefinitions.orders.indexes.filter((index) => index.name !== 'by-email'),
    };
    try {
      await client!.send(new CreateTableCommand(toCreateTableInput(withoutByEmail, older.orders)));
      const result = await ensureTables(client!, older, (key) => key === 'orders');
      expect(result).toEqual({ created: [], indexesAdded: [`${older.orders}.by-email`] });
      const indexes = (await client!.send(new DescribeTableCommand({ TableName: older.orders })))
        .Table!.GlobalSecondaryIndexes!;
      expect(indexes.map((index) => [index.IndexName, index.IndexStatus]).sort()).toEqual([
        ['by-email', 'ACTIVE'],
        ['by-status', 'ACTIVE'],
        ['by-user', 'ACTIVE'],
      ]);
      await client!.send(
        new PutItemCommand({
          TableName: older.orders,
          Item: { pk: { S: 'o_1' }, emailKey: { S: 'ana@example.com' } },
        }),
      );
      const found = await client!.send(
        new QueryCommand({
          TableName: older.orders,
          IndexName: 'by-email',
          KeyConditionExpression: 'emailKey = :email',
          ExpressionAttributeValues: { ':email': { S: 'ana@example.com' } },
        }),
      );
      expect(found.Items?.map((item) => item.pk?.S)).toEqual(['o_1']);
      expect(await ensureTables(client!, older, (key) => key === 'orders')).toEqual({
        created: [],
        indexesAdded: [],
      });
    } finally {
      await deleteTables(client!, older);
    }
  });
});
