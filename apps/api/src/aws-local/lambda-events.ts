import { randomUUID } from 'node:crypto';
import type {
  _Record,
  AttributeValue as StreamsAttributeValue,
} from '@aws-sdk/client-dynamodb-streams';
import type { Message } from '@aws-sdk/client-sqs';
import type { AttributeValue, Context, DynamoDBRecord, SQSRecord } from 'aws-lambda';

/*
 * The shapes Lambda hands a function, built from what the SDK answered: the real handlers are
 * invoked with events as AWS would deliver them, so nothing about them is special here.
 */

const LOCAL_ACCOUNT = '000000000000';

/** A Lambda context for one invocation of `functionName`, with its time budget. */
export const lambdaContext = (functionName: string, region: string, timeoutMs: number): Context => {
  const deadline = Date.now() + timeoutMs;
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:${region}:${LOCAL_ACCOUNT}:function:${functionName}`,
    memoryLimitInMB: '1024',
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: 'aws-local',
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    // The callback-style leftovers of old runtimes: Sellout's handlers return promises.
    done: () => {},
    fail: () => {},
    succeed: () => {},
  };
};

/** One received SQS message as a record of an SQS event (Lambda's event source mapping). */
export const sqsRecordOf = (message: Message, queueArn: string, region: string): SQSRecord => {
  const system = message.Attributes ?? {};
  return {
    messageId: message.MessageId ?? '',
    receiptHandle: message.ReceiptHandle ?? '',
    body: message.Body ?? '',
    attributes: {
      ApproximateReceiveCount: system.ApproximateReceiveCount ?? '1',
      SentTimestamp: system.SentTimestamp ?? String(Date.now()),
      SenderId: system.SenderId ?? LOCAL_ACCOUNT,
      ApproximateFirstReceiveTimestamp:
        system.ApproximateFirstReceiveTimestamp ?? String(Date.now()),
    },
    messageAttributes: Object.fromEntries(
      Object.entries(message.MessageAttributes ?? {}).map(([name, value]) => [
        name,
        {
          dataType: value.DataType ?? 'String',
          ...(value.StringValue !== undefined && { stringValue: value.StringValue }),
          ...(value.BinaryValue !== undefined && {
            binaryValue: Buffer.from(value.BinaryValue).toString('base64'),
          }),
          stringListValues: value.StringListValues ?? [],
          binaryListValues: (value.BinaryListValues ?? []).map((b) =>
            Buffer.from(b).toString('base64'),
          ),
        },
      ]),
    ),
    md5OfBody: message.MD5OfBody ?? '',
    ...(message.MD5OfMessageAttributes && {
      md5OfMessageAttributes: message.MD5OfMessageAttributes,
    }),
    eventSource: 'aws:sqs',
    eventSourceARN: queueArn,
    awsRegion: region,
  };
};

const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

/** An attribute value as JSON carries it (binary as base64), the way Lambda's event has it. */
const lambdaValue = (value: StreamsAttributeValue): AttributeValue => {
  if (value.S !== undefined) return { S: value.S };
  if (value.N !== undefined) return { N: value.N };
  if (value.BOOL !== undefined) return { BOOL: value.BOOL };
  if (value.NULL !== undefined) return { NULL: value.NULL };
  if (value.B !== undefined) return { B: base64(value.B) };
  if (value.SS !== undefined) return { SS: value.SS };
  if (value.NS !== undefined) return { NS: value.NS };
  if (value.BS !== undefined) return { BS: value.BS.map(base64) };
  if (value.L !== undefined) return { L: value.L.map(lambdaValue) };
  if (value.M !== undefined) return { M: lambdaImage(value.M) };
  throw new Error(
    `An attribute value of a kind this stand-in does not know: ${Object.keys(value)}`,
  );
};

const lambdaImage = (image: Record<string, StreamsAttributeValue>) =>
  Object.fromEntries(Object.entries(image).map(([name, value]) => [name, lambdaValue(value)]));

/** One stream record from GetRecords as a record of a DynamoDB Streams event. */
export const streamRecordOf = (
  record: _Record,
  streamArn: string,
  region: string,
): DynamoDBRecord => {
  const change = record.dynamodb ?? {};
  return {
    eventID: record.eventID,
    eventName: record.eventName,
    eventVersion: record.eventVersion ?? '1.1',
    eventSource: 'aws:dynamodb',
    awsRegion: region,
    eventSourceARN: streamArn,
    dynamodb: {
      // Epoch seconds in Lambda's event; the SDK parses it into a Date.
      ...(change.ApproximateCreationDateTime && {
        ApproximateCreationDateTime: Math.floor(
          change.ApproximateCreationDateTime.getTime() / 1000,
        ),
      }),
      ...(change.Keys && { Keys: lambdaImage(change.Keys) }),
      ...(change.NewImage && { NewImage: lambdaImage(change.NewImage) }),
      ...(change.OldImage && { OldImage: lambdaImage(change.OldImage) }),
      SequenceNumber: change.SequenceNumber,
      SizeBytes: change.SizeBytes,
      StreamViewType: change.StreamViewType,
    },
  };
};
