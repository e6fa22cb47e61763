import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetItemCommand, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { deleteTables } from '@sellout/adapter-aws/dynamodb/create-tables';
import { tableNames } from '@sellout/adapter-aws/dynamodb/table-definitions';
import {
  dynamodbEndpoint,
  localClient,
  withoutDynamoDb,
} from '@sellout/adapter-aws/testing/dynamodb-test-tables';
import { type SpawnedServer, spawnServer } from '@sellout/tools/testing/spawn-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OrderBody, PageBody, PlacedBody, ProductBody, SessionBody } from './testing/test-app';
import { buyNowBody } from './testing/test-app';

/**
 * `STORE=dynamodb DYNAMODB_ENDPOINT=… npm start` (without the storefront build): the real entry
 * point against this run's DynamoDB Local, tables under a prefix of its own.
 */
describe.skipIf(withoutDynamoDb)('the Node server on DynamoDB (STORE=dynamodb)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'sellout-main-dynamo-'));
  const prefix = `t-main-${process.pid}-`;
  const client = withoutDynamoDb ? null : localClient();
  let server: SpawnedServer;

  beforeAll(async () => {
    server = await spawnServer({
      env: {
        STORE: 'dynamodb',
        DYNAMODB_ENDPOINT: dynamodbEndpoint!,
        TABLE_PREFIX: prefix,
        STOCK_SHARDS: '4',
        DATA_DIR: dataDir,
        RATE_LIMIT: 'off',
        LOG_LEVEL: 'warn',
      },
      timeoutMs: 60_000,
    });
  }, 70_000);

  afterAll(async () => {
    if (server && server.child.exitCode === null && server.child.signalCode === null) {
      server.child.kill('SIGKILL');
      await server.exited;
    }
    if (client) {
      await deleteTables(client, tableNames(prefix));
      client.destroy();
    }
    rmSync(dataDir, { recursive: true, force: true });
  });

  const api = async <T>(path: string, init: RequestInit = {}, token?: string) => {
    const response = await fetch(`${server.url}/api${path}`, {
      ...init,
      headers: {
        ...(init.body ? { 'Content-Type': 'application/json' } : {}),
        ...(token ? { Authorization: `Bearer ${token}` } : {}),
      },
    });
    return { status: response.status, body: (await response.json()) as T };
  };

  it('creates its missing tables with TABLE_PREFIX and seeds the demo catalog into them', async () => {
    const { TableNames = [] } = await client!.send(new ListTablesCommand({}));
    expect(TableNames.filter((name) => name.startsWith(prefix)).sort()).toEqual(
      Object.values(tableNames(prefix)).sort(),
    );
    const page = await api<PageBody<ProductBody>>('/products?limit=100');
    expect(page.status).toBe(200);
    expect(page.body.items.length).toBeGreaterThanOrEqual(24);
  });

  it('sells from STOCK_SHARDS stock items and processes the order with its poller', async () => {
    const session = await api<SessionBody>('/session', { method: 'POST' });
    const token = session.body.token;
    const page = await api<PageBody<ProductBody>>('/products?limit=100');
    const product = page.body.items.find((p) => p.stock >= 2 && p.saleStartsAt === null)!;
    const { Item: shard } = await client!.send(
      new GetItemCommand({
        TableName: tableNames(prefix).products,
        Key: { pk: { S: `${product.id}#3` } },
      }),
    );
    expect(shard).toBeDefined();

    const placed = await api<PlacedBody>(
      '/checkout',
      { method: 'POST', body: JSON.stringify(buyNowBody(product.id, 1)) },
      token,
    );
    expect(placed.status).toBe(201);
    const after = await api<ProductBody>(`/products/${product.id}`);
    expect(after.body).toMatchObject({ stock: product.stock - 1, version: product.version + 1 });

    let order: OrderBody | null = null;
    for (let i = 0; i < 100 && order?.status !== 'PROCESSED'; i++) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      order = (await api<OrderBody>(`/orders/${placed.body.orderId}`, {}, token)).body;
    }
    expect(order).toMatchObject({ status: 'PROCESSED', number: placed.body.order.number });
    expect(existsSync(join(dataDir, 'invoices', `${placed.body.orderId}.txt`))).toBe(true);
  }, 40_000);

  it('stops cleanly on SIGTERM', async () => {
    expect(await server.stop()).toBe(0);
  });
});
