import type { DynamoDBRecord } from 'aws-lambda';
import type { Item } from './item';

/** A DynamoDB Streams record as Lambda delivers it (and the local stream poller too). */
export type StreamRecord = DynamoDBRecord;

/** `arn:aws:dynamodb:<region>:<account>:table/<name>/stream/<label>` → `<name>`. */
export const tableOfRecord = (record: StreamRecord): string | null =>
  /:table\/([^/]+)\/stream\//.exec(record.eventSourceARN ?? '')?.[1] ?? null;

/**
 * The item before and after the change (NEW_AND_OLD_IMAGES): null where there is none (no old
 * image on INSERT, no new one on REMOVE). The stream's attribute values have the shape the SDK
 * reads and writes; only their TypeScript declarations differ.
 */
export const imagesOf = (record: StreamRecord) => ({
  old: (record.dynamodb?.OldImage as Item | undefined) ?? null,
  new: (record.dynamodb?.NewImage as Item | undefined) ?? null,
});
