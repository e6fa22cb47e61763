import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DescribeTableCommand, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { GetObjectCommand, HeadBucketCommand } from '@aws-sdk/client-s3';
import { SendEmailCommand } from '@aws-sdk/client-sesv2';
import { GetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import { LOCAL_CREDENTIALS } from '@sellout/adapter-aws/aws-client-options';
import { createDynamoDbClient } from '@sellout/adapter-aws/dynamodb/dynamodb-client';
import { tableNames } from '@sellout/adapter-aws/dynamodb/table-definitions';
import { createS3Client } from '@sellout/adapter-aws/s3/s3-client';
import { createSesClient } from '@sellout/adapter-aws/ses/ses-client';
import { createSqsClient } from '@sellout/adapter-aws/sqs/sqs-client';
import { withoutDynamoDb } from '@sellout/adapter-aws/testing/dynamodb-test-tables';
import { processesInGroup } from '@sellout/tools/testing/process-group';
import { type SpawnedServer, spawnServer } from '@sellout/tools/testing/spawn-server';
import { createStoreClient, TEST_ADMIN_TOKEN } from '@sellout/tools/testing/store-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { AwsLocalManifest } from './aws-local/manifest';

type Order = { id: string; number: string; status: string; invoiceUrl: string | null };
type SentEmail = { destination: { to: string[] }; subject: string };

/**
 * `npm run start:aws-local`, spawned once for the file (it starts Java and two Node stand-ins:
 * tens of seconds on a busy machine): the shop served over DynamoDB Local, fauxqs and
 * aws-ses-v2-local, with orders going through the real stream relay, SQS and worker handler.
 * Skipped, with the global setup's banner, without Java 17+; under CI=true that fails the run.
 */
describe.skipIf(withoutDynamoDb)('npm run start:aws-local', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'sellout-aws-local-'));
  let server: SpawnedServer;
  let manifest: AwsLocalManifest;
  const store = () => createStoreClient(server.url);
  const local = () => ({ region: manifest.region, credentials: LOCAL_CREDENTIALS });

  beforeAll(async () => {
    server = await spawnServer({
      entry: 'apps/api/src/main-aws-local.ts',
      env: { DATA_DIR: dataDir, ADMIN_TOKEN: TEST_ADMIN_TOKEN, RATE_LIMIT: 'off', SEED: 'none' },
      ownProcessGroup: true,
      timeoutMs: 170_000,
    });
    manifest = JSON.parse(readFileSync(join(dataDir, 'aws-local.json'), 'utf8'));
  }, 180_000);

  afterAll(async () => {
    if (server?.child.pid && server.child.exitCode === null)
      process.kill(-server.child.pid, 'SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  const orderOf = (token: string, id: string) =>
    store().json<Order>(store().request(`/orders/${id}`, {}, token));
  const settled = async (token: string, id: string) => {
    await expect
      .poll(async () => (await orderOf(token, id)).status, { timeout: 60_000, interval: 250 })
      .not.toBe('PENDING');
    return orderOf(token, id);
  };
  const sentEmails = async () =>
    ((await (await fetch(`${manifest.ses}/store`)).json()) as { emails: SentEmail[] }).emails;
  const buy = async (productId: string, paymentToken?: string) => {
    const token = await store().newShopper();
    const response = await store().buyNow(token, {
      productId,
      quantity: 1,
      key: `k-${Math.random()}`,
      ...(paymentToken && { paymentToken }),
    });
    expect(response.status).toBe(201);
    return { token, orderId: ((await response.json()) as { orderId: string }).orderId };
  };

  it('writes aws-local.json with exactly the manifest keys, and its endpoints answer the AWS SDK', async () => {
    expect(Object.keys(manifest)).toEqual([
      'dynamodb',
      'sqs',
      's3',
      'ses',
      'region',
      'tablePrefix',
      'tables',
      'queueUrl',
      'deadLetterQueueUrl',
      'invoiceBucket',
    ]);
    for (const endpoint of [manifest.dynamodb, manifest.sqs, manifest.s3, manifest.ses]) {
      expect(endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    }
    expect(manifest.tables).toEqual(tableNames(manifest.tablePrefix));

    const dynamodb = createDynamoDbClient({ ...local(), endpoint: manifest.dynamodb });
    const { TableNames = [] } = await dynamodb.send(new ListTablesCommand({}));
    expect(TableNames).toEqual(expect.arrayContaining(Object.values(manifest.tables)));
    const { Table } = await dynamodb.send(
      new DescribeTableCommand({ TableName: manifest.tables.orders }),
    );
    expect(Table?.StreamSpecification).toMatchObject({ StreamEnabled: true });
    dynamodb.destroy();

    const sqs = createSqsClient({ ...local(), endpoint: manifest.sqs });
    const [queue, deadLetter] = await Promise.all(
      [manifest.queueUrl, manifest.deadLetterQueueUrl].map(async (QueueUrl) => {
        const { Attributes } = await sqs.send(
          new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['All'] }),
        );
        return Attributes ?? {};
      }),
    );
    expect(JSON.parse(queue!.RedrivePolicy ?? '{}')).toMatchObject({
      deadLetterTargetArn: deadLetter!.QueueArn,
    });
    sqs.destroy();

    const s3 = createS3Client({ ...local(), endpoint: manifest.s3 });
    await s3.send(new HeadBucketCommand({ Bucket: manifest.invoiceBucket }));
    s3.destroy();

    const ses = createSesClient({ ...local(), endpoint: manifest.ses });
    await ses.send(
      new SendEmailCommand({
        FromEmailAddress: 'check@sellout.localhost',
        Destination: { ToAddresses: ['sdk-check@example.com'] },
        Content: { Simple: { Subject: { Data: 'SDK check' }, Body: { Text: { Data: 'hi' } } } },
      }),
    );
    ses.destroy();
    expect((await sentEmails()).map((e) => e.subject)).toContain('SDK check');
  });

  it('processes a checkout through the stream relay, SQS and the worker: invoice in S3, one email in SES', async () => {
    const product = await store().createProduct({ sku: 'AWS-LOCAL-1', stock: 5 });
    const { token, orderId } = await buy(product.id);
    const order = await settled(token, orderId);
    expect(order.status).toBe('PROCESSED');

    // The invoice link is a 302 to a presigned URL of the local S3; the object is there.
    const invoice = await store().request(
      `/orders/${orderId}/invoice`,
      { redirect: 'manual' },
      token,
    );
    expect(invoice.status).toBe(302);
    const location = invoice.headers.get('location') ?? '';
    expect(location.startsWith(`${manifest.s3}/${manifest.invoiceBucket}/`)).toBe(true);
    const downloaded = await fetch(location);
    expect(downloaded.status).toBe(200);
    expect(await downloaded.text()).toContain(orderId);
    const s3 = createS3Client({ ...local(), endpoint: manifest.s3 });
    const object = await s3.send(
      new GetObjectCommand({ Bucket: manifest.invoiceBucket, Key: `invoices/${orderId}.txt` }),
    );
    expect(await object.Body?.transformToString()).toContain(orderId);
    s3.destroy();

    const emails = (await sentEmails()).filter((e) => e.subject.includes(`#${order.number}`));
    expect(emails).toHaveLength(1);
    expect(emails[0]!.destination.to).toEqual(['ana@example.com']);
  });

  it('cancels a declined payment and gives its stock back', async () => {
    const product = await store().createProduct({ sku: 'AWS-LOCAL-2', stock: 3 });
    const { token, orderId } = await buy(product.id, 'tok_declined');
    const order = await settled(token, orderId);
    expect(order.status).toBe('CANCELLED');
    const after = await store().json<{ stock: number }>(store().request(`/products/${product.id}`));
    expect(after.stock).toBe(3);
    expect((await sentEmails()).filter((e) => e.subject.includes(`#${order.number}`))).toHaveLength(
      1,
    );
  });

  it('tells a live client the stock dropped, and the owner that the order was processed', async () => {
    const product = await store().createProduct({ sku: 'AWS-LOCAL-3', stock: 7 });
    const token = await store().newShopper();
    const live = new WebSocket(`${server.url.replace('http', 'ws')}/api/live?token=${token}`);
    const messages: { type: string; productId?: string; stock?: number; status?: string }[] = [];
    live.on('message', (data) => messages.push(JSON.parse(String(data))));
    await new Promise((resolve, reject) => live.once('open', resolve).once('error', reject));
    try {
      const response = await store().buyNow(token, {
        productId: product.id,
        quantity: 2,
        key: 'live-1',
      });
      expect(response.status).toBe(201);
      const { orderId } = (await response.json()) as { orderId: string };
      await expect
        .poll(() => messages, { timeout: 30_000, interval: 100 })
        .toContainEqual(
          expect.objectContaining({ type: 'stock', productId: product.id, stock: 5 }),
        );
      await expect
        .poll(() => messages, { timeout: 60_000, interval: 100 })
        .toContainEqual({ type: 'order', orderId, status: 'PROCESSED' });
    } finally {
      live.close();
    }
  });

  it('refuses a live connection with a forged token, as the Node server does', async () => {
    const refused = await new Promise<number>((resolve) => {
      const live = new WebSocket(`${server.url.replace('http', 'ws')}/api/live?token=forged`);
      live.once('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0));
      live.once('open', () => resolve(101));
    });
    expect(refused).toBe(401);
  });

  it('stops every child process it started on SIGTERM', async () => {
    const group = server.child.pid!;
    const running = processesInGroup(group).map((p) => p.command);
    expect(running.some((c) => c.includes('DynamoDBLocal.jar'))).toBe(true);
    expect(running.some((c) => c.includes('fauxqs-child.ts'))).toBe(true);
    expect(running.some((c) => c.includes('ses-child.ts'))).toBe(true);

    expect(await server.stop()).toBe(0);
    await expect.poll(() => processesInGroup(group), { timeout: 10_000 }).toEqual([]);
  });
});
