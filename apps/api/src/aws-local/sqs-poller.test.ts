import type { AddressInfo } from 'node:net';
import {
  CreateQueueCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
} from '@aws-sdk/client-sqs';
import { LOCAL_CREDENTIALS } from '@sellout/adapter-aws/aws-client-options';
import { createSqsClient } from '@sellout/adapter-aws/sqs/sqs-client';
import type { SQSEvent } from 'aws-lambda';
import { buildApp } from 'fauxqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { processedMessages, startSqsPoller } from './sqs-poller';

const quiet = { debug() {}, warn() {} };

describe('processedMessages (what the event source mapping deletes)', () => {
  const batch = [{ MessageId: 'a' }, { MessageId: 'b' }, { MessageId: 'c' }];

  it('is the whole batch when the handler reports no failure', () => {
    expect(processedMessages(batch, undefined)).toEqual(batch);
    expect(processedMessages(batch, { batchItemFailures: [] })).toEqual(batch);
  });

  it('leaves out exactly the messages reported failed', () => {
    expect(processedMessages(batch, { batchItemFailures: [{ itemIdentifier: 'b' }] })).toEqual([
      { MessageId: 'a' },
      { MessageId: 'c' },
    ]);
  });

  it('is nothing when a reported id is not in the batch, as Lambda treats it', () => {
    expect(processedMessages(batch, { batchItemFailures: [{ itemIdentifier: 'x' }] })).toEqual([]);
    expect(processedMessages(batch, { batchItemFailures: [{ itemIdentifier: '' }] })).toEqual([]);
  });
});

describe('the SQS poller against fauxqs', () => {
  const app = buildApp({ logger: false });
  let endpoint: string;

  beforeAll(async () => {
    await app.listen({ host: '127.0.0.1', port: 0 });
    endpoint = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  });
  afterAll(() => app.close());

  it('deletes what the handler processed and leaves a failing message to the queue: retried with a growing receive count, then dead-lettered', async () => {
    const sqs = createSqsClient({ region: 'us-east-1', endpoint, credentials: LOCAL_CREDENTIALS });
    const dlq = await sqs.send(new CreateQueueCommand({ QueueName: 'poller-dlq' }));
    const { Attributes } = await sqs.send(
      new GetQueueAttributesCommand({ QueueUrl: dlq.QueueUrl, AttributeNames: ['QueueArn'] }),
    );
    const queue = await sqs.send(
      new CreateQueueCommand({
        QueueName: 'poller-orders',
        Attributes: {
          VisibilityTimeout: '1',
          RedrivePolicy: JSON.stringify({
            deadLetterTargetArn: Attributes?.QueueArn,
            maxReceiveCount: '2',
          }),
        },
      }),
    );
    const queueUrl = queue.QueueUrl!;
    const seen: { body: string; receiveCount: string; source: string }[] = [];
    const poller = startSqsPoller({
      client: sqs,
      queueUrl,
      queueArn: 'arn:aws:sqs:us-east-1:000000000000:poller-orders',
      region: 'us-east-1',
      functionName: 'worker',
      log: quiet,
      pollers: 1,
      waitTimeSeconds: 1,
      handler: async (event: SQSEvent) => {
        for (const record of event.Records) {
          seen.push({
            body: record.body,
            receiveCount: record.attributes.ApproximateReceiveCount,
            source: record.eventSourceARN,
          });
        }
        return {
          batchItemFailures: event.Records.filter((r) => r.body === 'bad').map((r) => ({
            itemIdentifier: r.messageId,
          })),
        };
      },
    });
    try {
      for (const body of ['good', 'bad'])
        await sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: body }));

      const deadLetters = await (async () => {
        for (let i = 0; i < 40; i++) {
          const { Messages = [] } = await sqs.send(
            new ReceiveMessageCommand({ QueueUrl: dlq.QueueUrl, WaitTimeSeconds: 1 }),
          );
          if (Messages.length > 0) return Messages.map((m) => m.Body);
        }
        return [];
      })();
      expect(deadLetters).toEqual(['bad']);
      expect(seen.filter((s) => s.body === 'good')).toEqual([
        {
          body: 'good',
          receiveCount: '1',
          source: 'arn:aws:sqs:us-east-1:000000000000:poller-orders',
        },
      ]);
      expect(seen.filter((s) => s.body === 'bad').map((s) => s.receiveCount)).toEqual(['1', '2']);
    } finally {
      await poller.stop();
      sqs.destroy();
    }
  }, 60_000);
});
