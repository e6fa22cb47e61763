import type { AttributeValue } from '@aws-sdk/client-dynamodb';

/** A DynamoDB item as the low-level client reads and writes it. */
export type Item = Record<string, AttributeValue>;

/** A number attribute; 0 when absent. */
export const numberAt = (item: Item | undefined, name: string) => Number(item?.[name]?.N ?? 0);

/** A string attribute; null when absent or NULL. */
export const textAt = (item: Item | undefined, name: string) => item?.[name]?.S ?? null;
