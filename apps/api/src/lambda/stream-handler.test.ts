import { DeleteMessageCommand, ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import { withoutDynamoDb } from '@sellout/adapter-aws/testing/dynamodb-test-tables';
import { createConnections } from '@sellout/adapter-aws/websocket/connections';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { type AwsStandIns, startAwsStandIns } from '../testing/aws-stand-ins';
import { eventFixture } from '../testing/event-fixtures';
import { createStreamHandler, createSweepHandler } from './stream-handler';

describe.skipIf(withoutDynamoDb)('main-lambda-stream: DynamoDB Streams records', async () => {
  const aws: AwsStandIns = await startAwsStandIns();
  afterAll(() => aws.stop());
  const runtime = aws.runtimeFor('stream');
  const handler = createStreamHandler(runtime);
  const connections = createConnections({
    client: aws.dynamodb,
    table: aws.tables.connections,
    clock: runtime.parts.clock,
  });

  /** Takes every message off the order queue; returns the order ids they carry. */
  const drainQueue = async () => {
    const orderIds: string[] = [];
    for (let polls = 0; polls < 5; polls++) {
      const received = await aws.sqs.send(
        new ReceiveMessageCommand({
          QueueUrl: aws.queues.orders,
          MaxNumberOfMessages: 10,
          WaitTimeSeconds: 0,
        }),
      );
      const messages = received.Messages ?? [];
      if (messages.length === 0) break;
      for (const m of messages) {
        orderIds.push(JSON.parse(m.Body!).orderId);
        await aws.sqs.send(
          new DeleteMessageCommand({
            QueueUrl: aws.queues.orders,
            ReceiptHandle: m.ReceiptHandle!,
          }),
        );
      }
    }
    return orderIds;
  };

  /** A browser tab with the shop open: API Gateway knows it, and so does the table. */
  const openTab = async (connectionId: string, userId: string | null = null) => {
    aws.management.connect(connectionId);
    await connections.add({ connectionId, userId });
  };

  beforeEach(async () => {
    aws.management.clear();
    await drainQueue();
  });

  it('relays an order INSERT to exactly one SQS message, and sends no live message for it', async () => {
    await openTab('conn-insert-a');
    const product = await aws.seed({ sku: 'T-STREAM-INSERT', stock: 10 });
    const order = await aws.buy(product.id, 'tok_visa', 'u_stream');
    const event = eventFixture<DynamoDBStreamEvent>('stream-orders-insert.json', {
      ORDER_ID: order.id,
      USER_ID: 'u_stream',
      PRODUCT_ID: product.id,
      ORDERS_TABLE: aws.tables.orders,
    });

    expect(await handler(event)).toEqual({ batchItemFailures: [] });

    expect(await drainQueue()).toEqual([order.id]);
    expect(aws.management.receivedBy('conn-insert-a')).toEqual([]);
  });

  it('sends one coalesced stock message per connection for a batch of stock changes, and deletes a connection that is gone', async () => {
    const product = await aws.seed({ sku: 'T-STREAM-STOCK', stock: 10 });
    // Three checkouts committed: the stream batch below carries their stock changes 10→9→8→7.
    for (let i = 0; i < 3; i++) await aws.buy(product.id, 'tok_visa', `u_stock${i}`);
    await drainQueue();
    await openTab('conn-stock-a');
    await openTab('conn-stock-b', 'u_stock0');
    // Closed without `$disconnect` reaching the shop: API Gateway answers GoneException.
    await openTab('conn-stock-gone');
    aws.management.drop('conn-stock-gone');
    const event = eventFixture<DynamoDBStreamEvent>('stream-products-checkouts.json', {
      PRODUCT_ID: product.id,
      PRODUCTS_TABLE: aws.tables.products,
    });
    expect(event.Records).toHaveLength(3);

    expect(await handler(event)).toEqual({ batchItemFailures: [] });

    for (const connectionId of ['conn-stock-a', 'conn-stock-b']) {
      expect(aws.management.receivedBy(connectionId)).toEqual([
        expect.objectContaining({ type: 'stock', productId: product.id, stock: 7 }),
      ]);
    }
    const open = (await connections.all()).map((c) => c.connectionId);
    expect(open).toEqual(expect.arrayContaining(['conn-stock-a', 'conn-stock-b']));
    expect(open).not.toContain('conn-stock-gone');
    // Stock changes are no new orders: nothing is relayed.
    expect(await drainQueue()).toEqual([]);
  });

  it('sends nothing for a MODIFY that does not change the stock (a rename)', async () => {
    await openTab('conn-rename-a');
    const product = await aws.seed({ sku: 'T-STREAM-RENAME', stock: 10 });
    const event = eventFixture<DynamoDBStreamEvent>('stream-products-renamed.json', {
      PRODUCT_ID: product.id,
      PRODUCTS_TABLE: aws.tables.products,
    });

    expect(await handler(event)).toEqual({ batchItemFailures: [] });

    expect(aws.management.receivedBy('conn-rename-a')).toEqual([]);
    expect(await drainQueue()).toEqual([]);
  });

  it("tells only the owner's connections that their order moved to PROCESSED", async () => {
    await openTab('conn-owner', 'u_owner');
    await openTab('conn-stranger', 'u_stranger');
    const product = await aws.seed({ sku: 'T-STREAM-ORDER', stock: 10 });
    const order = await aws.buy(product.id, 'tok_visa', 'u_owner');
    const event = eventFixture<DynamoDBStreamEvent>('stream-orders-processed.json', {
      ORDER_ID: order.id,
      USER_ID: 'u_owner',
      PRODUCT_ID: product.id,
      ORDERS_TABLE: aws.tables.orders,
    });

    expect(await handler(event)).toEqual({ batchItemFailures: [] });

    expect(aws.management.receivedBy('conn-owner')).toEqual([
      { type: 'order', orderId: order.id, status: 'PROCESSED' },
    ]);
    expect(aws.management.receivedBy('conn-stranger')).toEqual([]);
  });

  it('the sweeper re-sends a PENDING order whose message was lost, once per quiet period', async () => {
    const product = await aws.seed({ sku: 'T-STREAM-SWEEP', stock: 10 });
    const lost = await aws.buy(product.id, 'tok_visa', 'u_sweep');
    await drainQueue();
    // Everything placed so far counts as quiet for a sweeper that waits 1 ms.
    await new Promise((resolve) => setTimeout(resolve, 20));
    const sweep = createSweepHandler({
      ...runtime,
      config: { ...runtime.config, SWEEP_AFTER_MS: 1 },
    });

    const first = await sweep();
    const resent = await drainQueue();
    expect(resent).toContain(lost.id);
    expect(resent.filter((id) => id === lost.id)).toHaveLength(1);
    expect(first.resent).toBe(resent.length);

    // A sweep with the normal quiet period right after: the re-send counts as progress.
    const normal = createSweepHandler(runtime);
    expect(await normal()).toEqual({ resent: 0 });
    expect(await drainQueue()).toEqual([]);
  });
});
