import type { DynamoDBBatchResponse, DynamoDBStreamEvent, ScheduledEvent } from 'aws-lambda';
import type { AwsRuntime } from './aws-runtime';

export type SweepReport = { resent: number };

/** Orders-stream INSERTs → SQS; stock, drop and order changes → live messages (being built). */
export const createStreamHandler =
  (_runtime: AwsRuntime) =>
  async (_event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> => {
    throw new Error('the stream handler is not built yet');
  };

/** Re-sends PENDING orders with no progress for SWEEP_AFTER_MS (being built). */
export const createSweepHandler =
  (_runtime: AwsRuntime) =>
  async (_event: ScheduledEvent): Promise<SweepReport> => {
    throw new Error('the sweeper is not built yet');
  };
