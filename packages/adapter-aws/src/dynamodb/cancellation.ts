import { type AttributeValue, TransactionCanceledException } from '@aws-sdk/client-dynamodb';

/** Why one action of a cancelled transaction failed, with the item it saw (when asked for). */
export type CancellationReason = {
  /** `None` (this action was fine), `ConditionalCheckFailed`, `TransactionConflict`, … */
  code: string;
  item: Record<string, AttributeValue> | undefined;
};

/** The reasons of a cancelled TransactWriteItems, one per action in order; null for other errors. */
export const cancellationReasons = (error: unknown): CancellationReason[] | null =>
  error instanceof TransactionCanceledException
    ? (error.CancellationReasons ?? []).map((reason) => ({
        code: reason.Code ?? 'None',
        item: reason.Item,
      }))
    : null;

/** Reasons that say "try the same thing again shortly", not "this cannot be done". */
export const isTransient = (reason: CancellationReason) =>
  reason.code === 'TransactionConflict' ||
  reason.code === 'ThrottlingError' ||
  reason.code === 'ProvisionedThroughputExceeded';
