import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { SESv2ServiceException, SendEmailCommand } from '@aws-sdk/client-sesv2';
import {
  DeleteMessageCommand,
  type Message,
  ReceiveMessageCommand,
  SendMessageCommand,
} from '@aws-sdk/client-sqs';
import { createSesClient } from '@sellout/adapter-aws/ses/ses-client';
import { withoutDynamoDb } from '@sellout/adapter-aws/testing/dynamodb-test-tables';
import type { SQSEvent, SQSRecord } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, describe, expect, it } from 'vitest';
import { type AwsStandIns, startAwsStandIns } from '../testing/aws-stand-ins';
import { eventFixture } from '../testing/event-fixtures';
import { createMetricsWriter } from './business-metrics';
import { createWorkerHandler } from './worker-handler';

describe.skipIf(withoutDynamoDb)('main-lambda-worker: SQS batches of order messages', async () => {
  const aws: AwsStandIns = await startAwsStandIns();
  afterAll(() => aws.stop());
  const runtime = aws.runtimeFor('worker');
  const metricLines: string[] = [];
  const handler = createWorkerHandler(runtime, {
    random: () => 0.5,
    metrics: createMetricsWriter('sellout-test', (line) => metricLines.push(line)),
  });
  const counted = (metric: string) =>
    metricLines.map((line) => JSON.parse(line)).filter((line) => metric in line).length;
  const product = await aws.seed({ sku: 'T-WORKER', stock: 20 });

  /** Real messages of the order queue (sent, then received), in the fixture's event shape. */
  const receivedBatch = async (orderIds: string[], fixture = 'sqs-order-batch.json') => {
    for (const orderId of orderIds) {
      await aws.sqs.send(
        new SendMessageCommand({
          QueueUrl: aws.queues.orders,
          MessageBody: JSON.stringify({ orderId }),
        }),
      );
    }
    // Earlier tests' failed messages come back after their backoff: they are not this batch's.
    const messages: Message[] = [];
    for (let polls = 0; polls < 20 && messages.length < orderIds.length; polls++) {
      const received = await aws.sqs.send(
        new ReceiveMessageCommand({
          QueueUrl: aws.queues.orders,
          MaxNumberOfMessages: 10,
          MessageSystemAttributeNames: ['All'],
        }),
      );
      for (const m of received.Messages ?? []) {
        if (orderIds.includes(JSON.parse(m.Body!).orderId)) messages.push(m);
        else
          await aws.sqs.send(
            new DeleteMessageCommand({
              QueueUrl: aws.queues.orders,
              ReceiptHandle: m.ReceiptHandle!,
            }),
          );
      }
    }
    expect(messages).toHaveLength(orderIds.length);
    const template = eventFixture<SQSEvent>(fixture, {
      ORDER_APPROVED: 'x',
      ORDER_GATEWAY_DOWN: 'x',
      ORDER_DECLINED: 'x',
      ...Object.fromEntries(
        [1, 2, 3].flatMap((i) => [
          [`MESSAGE_ID_${i}`, 'x'],
          [`RECEIPT_HANDLE_${i}`, 'x'],
        ]),
      ),
    }).Records[0]!;
    return {
      Records: messages.map(
        (m): SQSRecord => ({
          ...template,
          messageId: m.MessageId!,
          receiptHandle: m.ReceiptHandle!,
          body: m.Body!,
          md5OfBody: m.MD5OfBody!,
          attributes: {
            ...template.attributes,
            ApproximateReceiveCount: m.Attributes!.ApproximateReceiveCount!,
          },
        }),
      ),
    } satisfies SQSEvent;
  };

  const messageOf = (event: SQSEvent, orderId: string) =>
    event.Records.find((r) => JSON.parse(r.body).orderId === orderId)!;

  const chargesOf = (orderId: string) =>
    aws.logLines.filter((line) => line.msg === 'simulated charge' && line.orderId === orderId);
  const emailsTo = async (subject: RegExp) =>
    (await aws.ses.sent()).filter((e) => subject.test(e.subject));
  const invoiceUploads = (orderId: string) =>
    aws.sqsS3.server.spy
      .getAllMessages()
      .filter(
        (m) => m.service === 's3' && m.status === 'uploaded' && m.key === `invoices/${orderId}.txt`,
      );

  it('names exactly the failed message in batchItemFailures and settles the others', async () => {
    const approved = await aws.buy(product.id, 'tok_visa');
    const gatewayDown = await aws.buy(product.id, 'tok_error');
    const declined = await aws.buy(product.id, 'tok_declined');
    const event = await receivedBatch([approved.id, gatewayDown.id, declined.id]);

    const response = await handler(event);

    expect(response.batchItemFailures).toEqual([
      { itemIdentifier: messageOf(event, gatewayDown.id).messageId },
    ]);
    expect(await runtime.store.orders.get(approved.id)).toMatchObject({
      status: 'PROCESSED',
      invoiceKey: `invoices/${approved.id}.txt`,
    });
    expect(await runtime.store.orders.get(declined.id)).toMatchObject({ status: 'CANCELLED' });
    expect(await runtime.store.orders.get(gatewayDown.id)).toMatchObject({
      status: 'PENDING',
      stuckAt: null,
    });
    // Stock: 20 - 3 placed + 1 released by the declined one.
    expect((await runtime.store.catalog.get(product.id))?.stock).toBe(18);
    expect(await emailsTo(new RegExp(`#${approved.number} confirmed`))).toHaveLength(1);
    expect(await emailsTo(new RegExp(`#${declined.number} was declined`))).toHaveLength(1);
    // What each delivery ended in, as business metrics; the failed one is Lambda's to count.
    expect([counted('OrdersProcessed'), counted('OrdersCancelled')]).toEqual([1, 1]);
    // The failed message comes back after the backoff of attempt 1 (about a second), not after
    // the queue's visibility timeout of 180 s; and the failure counts as progress.
    const inflight = aws.sqsS3.server
      .inspectQueue(aws.queues.orders.split('/').pop()!)!
      .messages.inflight.find(
        (m) => m.message.messageId === messageOf(event, gatewayDown.id).messageId,
      );
    expect(inflight!.visibilityDeadline - Date.now()).toBeLessThan(5_000);
    const progress = await aws.dynamodb.send(
      new GetItemCommand({
        TableName: aws.tables.markers,
        Key: { pk: { S: `delivery#${gatewayDown.id}` } },
      }),
    );
    expect(progress.Item?.at?.S).toBeDefined();
  });

  it('does not charge, mail or invoice twice when a message is delivered again', async () => {
    const order = await aws.buy(product.id, 'tok_visa');
    const event = await receivedBatch([order.id]);
    expect((await handler(event)).batchItemFailures).toEqual([]);
    // SQS delivers the same message again (a Lambda that timed out after finishing, say).
    const again: SQSEvent = {
      Records: event.Records.map((r) => ({
        ...r,
        attributes: { ...r.attributes, ApproximateReceiveCount: '2' },
      })),
    };
    expect((await handler(again)).batchItemFailures).toEqual([]);
    expect(chargesOf(order.id)).toHaveLength(1);
    expect(await emailsTo(new RegExp(`#${order.number} confirmed`))).toHaveLength(1);
    expect(invoiceUploads(order.id)).toHaveLength(1);
    expect((await runtime.store.orders.get(order.id))?.status).toBe('PROCESSED');
  });

  it('after a delivery that failed half way, the retry charges with the same key and writes no second invoice or email', async () => {
    const order = await aws.buy(product.id, 'tok_visa');
    // SES refuses the first confirmation outright; the invoice is written by then.
    const real = createSesClient(aws.ses.clientOptions);
    const ses = mockClient(runtime.clients.ses);
    ses
      .on(SendEmailCommand)
      .rejectsOnce(
        new SESv2ServiceException({
          name: 'MailFromDomainNotVerifiedException',
          $fault: 'client',
          message: 'not verified',
          $metadata: { httpStatusCode: 400 },
        }),
      )
      .callsFake((input) => real.send(new SendEmailCommand(input)));
    try {
      const event = await receivedBatch([order.id]);
      expect((await handler(event)).batchItemFailures).toHaveLength(1);
      expect((await runtime.store.orders.get(order.id))?.status).toBe('PENDING');
      const redelivered: SQSEvent = {
        Records: event.Records.map((r) => ({
          ...r,
          attributes: { ...r.attributes, ApproximateReceiveCount: '2' },
        })),
      };
      expect((await handler(redelivered)).batchItemFailures).toEqual([]);
    } finally {
      ses.restore();
      real.destroy();
    }
    const charges = chargesOf(order.id);
    expect(charges).toHaveLength(2);
    // The gateway dedupes by this key: one charge, however often it is asked.
    expect(charges.map((c) => c.idempotencyKey)).toEqual([order.id, order.id]);
    expect(invoiceUploads(order.id)).toHaveLength(1);
    expect(await emailsTo(new RegExp(`#${order.number} confirmed`))).toHaveLength(1);
    expect((await runtime.store.orders.get(order.id))?.status).toBe('PROCESSED');
  });

  it('marks the order stuck on the last receive (MAX_RECEIVE_COUNT), and still reports it failed for the DLQ', async () => {
    const order = await aws.buy(product.id, 'tok_error');
    const event = await receivedBatch([order.id]);
    const last: SQSEvent = {
      Records: event.Records.map((r) => ({
        ...r,
        attributes: { ...r.attributes, ApproximateReceiveCount: '3' },
      })),
    };
    expect((await handler(last)).batchItemFailures).toEqual([
      { itemIdentifier: last.Records[0]!.messageId },
    ]);
    const stuck = await runtime.store.orders.get(order.id);
    expect(stuck?.stuckAt).not.toBeNull();
    expect(stuck?.failureReason).toMatch(/after 3 attempts/);
  });

  it('acknowledges a message for an unknown order and one that is no order message at all', async () => {
    const event = await receivedBatch(['o_00000000000000000000000000']);
    const poison: SQSEvent = {
      Records: [...event.Records, { ...event.Records[0]!, messageId: 'not-json', body: 'hello' }],
    };
    expect((await handler(poison)).batchItemFailures).toEqual([]);
  });
});
