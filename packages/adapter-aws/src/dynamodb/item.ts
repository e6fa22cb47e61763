import type { AttributeValue } from '@aws-sdk/client-dynamodb';

/** A DynamoDB item as the low-level client reads and writes it. */
export type Item = Record<string, AttributeValue>;

/** A number attribute; 0 when absent. */
export const numberAt = (item: Item | undefined, name: string) => Number(item?.[name]?.N ?? 0);

/** A string attribute; null when absent or NULL. */
export const textAt = (item: Item | undefined, name: string) => item?.[name]?.S ?? null;

/** DynamoDB refuses a sort key over 1,024 bytes (a partition key over 2,048). */
const MAX_KEY_BYTES = 1024;

/**
 * Whether a value can be a key at all. The ports take any string as an id (SQLite stores any),
 * but DynamoDB answers a longer one with ValidationException; such an id can name nothing
 * here, so the adapters treat it as unknown instead of failing.
 */
export const fitsKey = (value: string) => Buffer.byteLength(value, 'utf8') <= MAX_KEY_BYTES;
