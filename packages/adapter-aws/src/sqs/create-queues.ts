import { CreateQueueCommand, GetQueueAttributesCommand, type SQSClient } from '@aws-sdk/client-sqs';
import {
  type QueueDefinition,
  type QueueKey,
  type QueueNames,
  queueDefinitions,
} from '../resource-definitions';

export type QueueUrls = Record<QueueKey, string>;

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
 * when the attributes match, so this is safe to repeat. For stand-ins and development; the
 * deployed queues come from the CDK.
 */
export const ensureQueues = async (
  client: SQSClient,
  names: QueueNames,
  overrides: { maxReceiveCount?: number; visibilityTimeoutSeconds?: number } = {},
): Promise<QueueUrls> => {
  const deadLetter = await client.send(
    new CreateQueueCommand({
      QueueName: names.ordersDeadLetter,
      Attributes: attributesOf(queueDefinitions.ordersDeadLetter, null),
    }),
  );
  const { Attributes } = await client.send(
    new GetQueueAttributesCommand({
      QueueUrl: deadLetter.QueueUrl,
      AttributeNames: ['QueueArn'],
    }),
  );
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
      Attributes: attributesOf(orders, Attributes?.QueueArn ?? null),
    }),
  );
  return { orders: queue.QueueUrl!, ordersDeadLetter: deadLetter.QueueUrl! };
};
