import {
  DeleteMessageBatchCommand,
  type Message,
  ReceiveMessageCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import type { SQSBatchResponse, SQSEvent, SQSHandler } from 'aws-lambda';
import { lambdaContext, sqsRecordOf } from './lambda-events';

type PollerLog = {
  debug(fields: object, message: string): void;
  warn(fields: object, message: string): void;
};

export type SqsPollerOptions = {
  client: SQSClient;
  queueUrl: string;
  queueArn: string;
  region: string;
  /** The worker Lambda's handler, invoked as its SQS event source mapping would. */
  handler: SQSHandler;
  functionName: string;
  log: PollerLog;
  /** Batches in flight at once (Lambda runs that many invocations side by side). */
  pollers?: number;
  /** Messages per invocation at most (Lambda's BatchSize; 10 is SQS's receive maximum). */
  batchSize?: number;
  /** Long-polling wait per receive. */
  waitTimeSeconds?: number;
  /** The time budget each invocation's context reports (the function's timeout). */
  timeoutMs?: number;
};

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The messages of a batch the handler did not report as failed: what the event source mapping
 * deletes. As on AWS, a response naming an item that is not in the batch (or naming none at
 * all, an empty identifier) counts as a failure of the whole batch, and so does a throw.
 */
export const processedMessages = (
  messages: readonly Message[],
  response: SQSBatchResponse | undefined,
): Message[] => {
  const failures = response?.batchItemFailures ?? [];
  const ids = new Set(messages.map((m) => m.MessageId ?? ''));
  if (failures.some((f) => !f.itemIdentifier || !ids.has(f.itemIdentifier))) return [];
  const failed = new Set(failures.map((f) => f.itemIdentifier));
  return messages.filter((m) => !failed.has(m.MessageId ?? ''));
};

/**
 * Lambda's SQS event source mapping, on one machine: long-polls the queue, invokes the worker's
 * handler with a real SQS event (`ApproximateReceiveCount` included, so the handler knows its
 * attempt), and deletes exactly the messages it did not report in `batchItemFailures`. The
 * others stay in flight until the queue's visibility timeout brings them back, and after
 * `maxReceiveCount` receives the queue's redrive policy moves them to the dead-letter queue:
 * retries and dead letters are the queue's doing, as on AWS.
 */
export const startSqsPoller = (options: SqsPollerOptions) => {
  const { client, log } = options;
  const batchSize = options.batchSize ?? 10;
  const stopping = new AbortController();
  let running = true;

  const receive = async () => {
    const { Messages = [] } = await client.send(
      new ReceiveMessageCommand({
        QueueUrl: options.queueUrl,
        MaxNumberOfMessages: batchSize,
        WaitTimeSeconds: options.waitTimeSeconds ?? 20,
        MessageSystemAttributeNames: ['All'],
        MessageAttributeNames: ['All'],
      }),
      { abortSignal: stopping.signal },
    );
    return Messages;
  };

  const invoke = async (messages: Message[]) => {
    const event: SQSEvent = {
      Records: messages.map((m) => sqsRecordOf(m, options.queueArn, options.region)),
    };
    const context = lambdaContext(
      options.functionName,
      options.region,
      options.timeoutMs ?? 30_000,
    );
    try {
      return processedMessages(
        messages,
        (await options.handler(event, context, () => {})) ?? undefined,
      );
    } catch (error) {
      log.warn({ err: error, messages: messages.length }, 'the worker failed its whole batch');
      return [];
    }
  };

  const remove = async (messages: Message[]) => {
    if (messages.length === 0) return;
    const { Failed = [] } = await client.send(
      new DeleteMessageBatchCommand({
        QueueUrl: options.queueUrl,
        Entries: messages.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle })),
      }),
    );
    // Not deleted: the message comes back after its visibility timeout, and is handled again.
    if (Failed.length > 0) log.warn({ failed: Failed }, 'could not delete processed messages');
  };

  const poll = async () => {
    while (running) {
      try {
        const messages = await receive();
        if (messages.length === 0) continue;
        log.debug({ messages: messages.length }, 'invoking the worker');
        await remove(await invoke(messages));
      } catch (error) {
        if (!running) break;
        log.warn({ err: error }, 'could not poll the order queue; will retry');
        await pause(1_000);
      }
    }
  };

  const loops = Array.from({ length: options.pollers ?? 4 }, poll);
  return {
    /** Stops receiving and waits for the invocations in flight (their messages are then settled). */
    async stop() {
      running = false;
      stopping.abort();
      await Promise.allSettled(loops);
    },
  };
};
