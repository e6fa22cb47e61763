import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import type { AwsRuntime } from './aws-runtime';

/** SQS batches of order messages → handleOrderDelivery per message (being built). */
export const createWorkerHandler =
  (_runtime: AwsRuntime) =>
  async (_event: SQSEvent): Promise<SQSBatchResponse> => {
    throw new Error('the SQS worker is not built yet');
  };
