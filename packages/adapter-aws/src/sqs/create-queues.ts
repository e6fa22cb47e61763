import { CreateQueueCommand, GetQueueAttributesCommand, type SQSClient } from '@aws-sdk/client-sqs';
import {
  type QueueDefinition,
  type QueueKey,
  type QueueNames,
  queueDefinitions,
} from '../resource-definitions';

/** Where a queue is: its URL for the SDK, its ARN for redrive policies and event sources. */
export type QueueAddress = { url: string; arn: string };
export type QueueAddresses = Record<QueueKey, QueueAddress>;

const addressOf = async (client: SQSClient, name: string, url: string | undefined) => {
  if (!url) throw new Error(`CreateQueue ${name} answered no URL.`);
  const { Attributes } = await client.send(
    new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['QueueArn'] }),
  );
  if (!Attributes?.QueueArn) throw new Error(`Queue ${name} has no ARN.`);
  return { url, arn: Attributes.QueueArn };
};

const attributesOf = (definition: QueueDefinition, deadLetterArn: string | null) => ({
  VisibilityTimeout: String(definition.visibilityTimeoutSeconds),
  MessageRetentionPeriod: String(definition.messageRetentionSeconds),
  ReceiveMessageWaitTimeSeconds: String(definition.receiveMessageWaitTimeSeconds),
  ...(definition.redrive &&
    deadLetterArn && {
      RedrivePolicy: JSON.stringify({
        deadLetterTargetArn: deadLetterArn,
        maxReceiveCount: definition.redrive.maxReceiveCount,
      }),
    }),
});

/**
 * Creates the order queue and its dead-letter queue from the shared definitions (the DLQ
 * first: the queue's redrive policy names its ARN). CreateQueue returns the existing queue
 * when the attributes match, so this is safe to repeat (the local AWS mode runs it on every
 * start). For stand-ins and development; the deployed queues come from the CDK.
 */
export const ensureQueues = async (
  client: SQSClient,
  names: QueueNames,
  overrides: { maxReceiveCount?: number; visibilityTimeoutSeconds?: number } = {},
): Promise<QueueAddresses> => {
  const deadLetterQueue = await client.send(
    new CreateQueueCommand({
      QueueName: names.ordersDeadLetter,
      Attributes: attributesOf(queueDefinitions.ordersDeadLetter, null),
    }),
  );
  const deadLetter = await addressOf(client, names.ordersDeadLetter, deadLetterQueue.QueueUrl);
  const orders: QueueDefinition = {
    ...queueDefinitions.orders,
    ...(overrides.visibilityTimeoutSeconds !== undefined && {
      visibilityTimeoutSeconds: overrides.visibilityTimeoutSeconds,
    }),
    redrive: {
      ...queueDefinitions.orders.redrive,
      maxReceiveCount: overrides.maxReceiveCount ?? queueDefinitions.orders.redrive.maxReceiveCount,
    },
  };
  const queue = await client.send(
    new CreateQueueCommand({
      QueueName: names.orders,
      Attributes: attributesOf(orders, deadLetter.arn),
    }),
  );
  return {
    orders: await addressOf(client, names.orders, queue.QueueUrl),
    ordersDeadLetter: deadLetter,
  };
};
