import {
  ConditionalCheckFailedException,
  DeleteItemCommand,
  type DynamoDBClient,
  PutItemCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import { type SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import type { Mailer } from '@sellout/core/mail/mailer-port';
import { composeMimeMessage, domainOf } from '@sellout/core/mail/mime-message';
import { retryDelayMs } from '@sellout/core/orders/redelivery-policy';
import type { Clock } from '@sellout/core/shared/system';

/** Markers outlive every retry of their order by far; then TTL deletes them. */
const KEEP_SECONDS = 90 * 24 * 60 * 60;

/** SES refusals for the sending rate: retried here, where a retry cannot duplicate a message. */
const THROTTLING = new Set([
  'TooManyRequestsException',
  'LimitExceededException',
  'ThrottlingException',
]);
const SEND_ATTEMPTS = 4;
const THROTTLE_BACKOFF = { maxAttempts: SEND_ATTEMPTS, baseDelayMs: 200, maxDelayMs: 2_000 };

type MailLog = { warn(fields: object, message: string): void };

type SdkError = Error & { $metadata?: { httpStatusCode?: number } };

/** SES answered and refused (4xx): nothing was sent, so the message may be sent again. */
const refusedOutright = (error: unknown) => {
  const status = (error as SdkError).$metadata?.httpStatusCode;
  return status !== undefined && status >= 400 && status < 500;
};

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const hexToken = () =>
  Array.from(crypto.getRandomValues(new Uint8Array(9)), (b) =>
    b.toString(16).padStart(2, '0'),
  ).join('');

/**
 * Email through SES v2 `SendEmail` with the raw MIME message core composes, at most once per
 * idempotency key whatever the retries (ADR 62). SES has no idempotency of its own, so a marker
 * item (`mail#<key>` in the markers table) is claimed with a conditional write *before* the
 * send, and marked `sent` with SES's message id after it:
 * - a second send of the key finds the claim and sends nothing ("already-sent");
 * - SES refusing outright (a 4xx, throttling after a few retries) releases the claim, so the
 *   delivery's retry sends it;
 * - a crash or timeout between claim and answer leaves the claim `sending` (or `unconfirmed`,
 *   with the error): no retry sends it again, and the marker is the trace of an email that may
 *   not have gone out, found with a scan for state <> sent.
 */
export const createSesMailer = (options: {
  ses: SESv2Client;
  dynamodb: DynamoDBClient;
  markersTable: string;
  from: string;
  clock: Clock;
  log: MailLog;
  random?: () => number;
}): Mailer => {
  const { ses, dynamodb, markersTable: table, clock, log } = options;
  const random = options.random ?? Math.random;

  const claim = async (key: string, token: string) => {
    const now = clock.now();
    try {
      await dynamodb.send(
        new PutItemCommand({
          TableName: table,
          Item: {
            pk: { S: `mail#${key}` },
            state: { S: 'sending' },
            claim: { S: token },
            claimedAt: { S: now.toISOString() },
            expiresAt: { N: String(Math.floor(now.getTime() / 1000) + KEEP_SECONDS) },
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  };

  /** Only the claim this send made: a release or update never touches another's. */
  const ifMine = (token: string) => ({
    ConditionExpression: '#claim = :claim',
    ExpressionAttributeValues: { ':claim': { S: token } },
  });

  const settle = async (
    key: string,
    token: string,
    state: 'sent' | 'unconfirmed',
    detail: string,
  ) => {
    await dynamodb.send(
      new UpdateItemCommand({
        TableName: table,
        Key: { pk: { S: `mail#${key}` } },
        UpdateExpression: `SET #state = :state, ${state === 'sent' ? 'messageId' : 'lastError'} = :detail, settledAt = :at`,
        ConditionExpression: ifMine(token).ConditionExpression,
        ExpressionAttributeNames: { '#claim': 'claim', '#state': 'state' },
        ExpressionAttributeValues: {
          ...ifMine(token).ExpressionAttributeValues,
          ':state': { S: state },
          ':detail': { S: detail.slice(0, 1000) },
          ':at': { S: clock.now().toISOString() },
        },
      }),
    );
  };

  const release = (key: string, token: string) =>
    dynamodb.send(
      new DeleteItemCommand({
        TableName: table,
        Key: { pk: { S: `mail#${key}` } },
        ...ifMine(token),
        ExpressionAttributeNames: { '#claim': 'claim' },
      }),
    );

  const sendRaw = async (raw: Uint8Array) => {
    for (let attempt = 1; ; attempt++) {
      try {
        const { MessageId } = await ses.send(
          new SendEmailCommand({ Content: { Raw: { Data: raw } } }),
        );
        return MessageId ?? '';
      } catch (error) {
        if (!THROTTLING.has((error as Error).name) || attempt >= SEND_ATTEMPTS) throw error;
        await pause(retryDelayMs(attempt, THROTTLE_BACKOFF, random));
      }
    }
  };

  return {
    async send(message, { idempotencyKey }) {
      const token = hexToken();
      if (!(await claim(idempotencyKey, token))) return { kind: 'already-sent' };
      const raw = composeMimeMessage(message, {
        from: options.from,
        date: clock.now(),
        messageId: `${idempotencyKey}.${token}@${domainOf(options.from)}`,
        headers: { 'X-Sellout-Idempotency-Key': idempotencyKey },
        boundaryToken: token,
      });
      let messageId: string;
      try {
        messageId = await sendRaw(new TextEncoder().encode(raw));
      } catch (error) {
        if (refusedOutright(error)) {
          await release(idempotencyKey, token);
        } else {
          // It may have gone out: the claim stays, so no retry can send it twice.
          log.warn({ idempotencyKey, err: error }, 'email may not have been sent; not retrying it');
          await settle(idempotencyKey, token, 'unconfirmed', String(error)).catch(() => {});
        }
        throw error;
      }
      try {
        await settle(idempotencyKey, token, 'sent', messageId);
      } catch (error) {
        // Sent, and still claimed: the marker says `sending` and nothing will send it again.
        log.warn(
          { idempotencyKey, messageId, err: error },
          'email sent, but its marker not updated',
        );
      }
      return { kind: 'sent' };
    },
  };
};
