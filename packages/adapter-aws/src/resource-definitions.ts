/*
 * The serverless runtime's queues, bucket and event sources as plain data, beside the tables of
 * dynamodb/table-definitions.ts (which include the WebSocket `connections` and the `markers`):
 * `npm run start:aws-local` turns these records into SDK calls and the CDK stacks into
 * constructs, so the local shape cannot drift from the deployed one. No SDK imports here on
 * purpose. Why each number is what it is: ADR 60 (the order pipeline).
 */

const MINUTE = 60;
const DAY = 24 * 60 * MINUTE;

export type QueueKey = 'orders' | 'ordersDeadLetter';

export type QueueDefinition = {
  /** The physical name is the deployment's prefix + this (see queueNames). */
  nameSuffix: string;
  /** How long a received message stays hidden before SQS delivers it again. */
  visibilityTimeoutSeconds: number;
  messageRetentionSeconds: number;
  /** Long polling: how long a ReceiveMessage waits for a message by default. */
  receiveMessageWaitTimeSeconds: number;
  /** Where a message goes after `maxReceiveCount` receives; null for the dead-letter queue. */
  redrive: { deadLetterQueue: QueueKey; maxReceiveCount: number } | null;
};

/** Deliveries of one order message before it goes to the dead letters (MAX_RECEIVE_COUNT). */
export const DEFAULT_MAX_RECEIVE_COUNT = 8;

/** The worker Lambda's timeout: the queue's visibility timeout is six times it (AWS's advice). */
export const ORDER_WORKER_TIMEOUT_SECONDS = 30;

export const queueDefinitions = {
  /**
   * One message per order to process, `{"orderId":"o_…"}`, sent by the orders-stream relay
   * (INSERT), the sweeper and the admin retry. A standard queue: duplicates are absorbed by the
   * idempotent worker. A failed delivery comes back after the worker's backoff (it shortens the
   * visibility of the failed message), not after the whole visibility timeout.
   */
  orders: {
    nameSuffix: 'orders',
    visibilityTimeoutSeconds: 6 * ORDER_WORKER_TIMEOUT_SECONDS,
    messageRetentionSeconds: 4 * DAY,
    receiveMessageWaitTimeSeconds: 20,
    redrive: { deadLetterQueue: 'ordersDeadLetter', maxReceiveCount: DEFAULT_MAX_RECEIVE_COUNT },
  },
  /**
   * Order messages delivered `maxReceiveCount` times without success. The order itself is
   * already marked stuck by the last attempt (the admin sees it and retries); the message is
   * kept for inspection. Longer retention than the source queue: a standard queue's dead letter
   * keeps the message's original enqueue time.
   */
  ordersDeadLetter: {
    nameSuffix: 'orders-dlq',
    visibilityTimeoutSeconds: 30,
    messageRetentionSeconds: 14 * DAY,
    receiveMessageWaitTimeSeconds: 0,
    redrive: null,
  },
} as const satisfies Record<QueueKey, QueueDefinition>;

export type QueueNames = Record<QueueKey, string>;

/** SQS names are letters, digits, `-` and `_` (at most 80): a `.` of the prefix becomes `-`. */
export const queueNames = (prefix: string): QueueNames => {
  const safe = prefix.replaceAll('.', '-');
  return {
    orders: `${safe}${queueDefinitions.orders.nameSuffix}`,
    ordersDeadLetter: `${safe}${queueDefinitions.ordersDeadLetter.nameSuffix}`,
  };
};

export type BucketDefinition = {
  nameSuffix: string;
  /** All public access blocked, no ACLs (bucket owner enforced); reads go by presigned URL. */
  private: true;
  /** Server-side encryption with S3-managed keys. */
  encryption: 'S3_MANAGED';
  versioned: boolean;
  lifecycle: {
    /** Parts of an upload that never completed are deleted after this many days. */
    abortIncompleteMultipartUploadAfterDays: number;
    /** Objects are deleted this many days after they were written. */
    expireAfterDays: number;
  };
};

export const bucketDefinitions = {
  /**
   * Invoices at `invoices/<order id>.txt`, written once per order (a retry overwrites the same
   * key). Invoices are business records: kept ten years, which covers the retention periods tax
   * authorities usually ask for; no storage-class transitions, because a 1 KB invoice would
   * cost more in Infrequent Access (billed at 128 KB minimum) than in Standard.
   */
  invoices: {
    nameSuffix: 'invoices',
    private: true,
    encryption: 'S3_MANAGED',
    versioned: false,
    lifecycle: { abortIncompleteMultipartUploadAfterDays: 1, expireAfterDays: 3650 },
  },
} as const satisfies Record<string, BucketDefinition>;

/**
 * A bucket name: lowercase, and `sellout-invoices` locally. S3 names are global, so the CDK
 * stacks add the account and region to it (the runtime reads the name from INVOICE_BUCKET).
 */
export const bucketName = (prefix: string, key: keyof typeof bucketDefinitions = 'invoices') =>
  `${prefix.toLowerCase().replaceAll('_', '-')}${bucketDefinitions[key].nameSuffix}`;

/**
 * How the Lambda functions are fed. The local pollers of `start:aws-local` read the same
 * numbers, so a handler sees batches of the sizes it will see on AWS.
 */
export const eventSourceDefinitions = {
  /** SQS → main-lambda-worker: partial batch responses (ReportBatchItemFailures) on. */
  orderWorker: {
    queue: 'orders' as QueueKey,
    batchSize: 10,
    maxBatchingWindowSeconds: 0,
    reportBatchItemFailures: true,
    timeoutSeconds: ORDER_WORKER_TIMEOUT_SECONDS,
  },
  /**
   * DynamoDB Streams (orders and products tables) → main-lambda-stream's `handler`: relay of
   * new orders to SQS and the live fan-out. The batching window is the live coalescing window
   * (ADR 61): one stock message per product per batch. Failed records are retried from the
   * first one reported (ReportBatchItemFailures), split in halves on error, at most 10 times.
   */
  stream: {
    tables: ['orders', 'products'] as const,
    startingPosition: 'LATEST' as const,
    batchSize: 100,
    maxBatchingWindowSeconds: 1,
    parallelizationFactor: 1,
    reportBatchItemFailures: true,
    bisectBatchOnError: true,
    retryAttempts: 10,
    timeoutSeconds: 30,
  },
  /** EventBridge schedule → main-lambda-stream's `sweep`: re-sends orders that made no progress. */
  sweeper: { everyMinutes: 1, timeoutSeconds: 60 },
} as const;
