import { GetItemCommand, PutItemCommand, ScanCommand } from '@aws-sdk/client-dynamodb';
import {
  SESv2ServiceException,
  SendEmailCommand,
  TooManyRequestsException,
} from '@aws-sdk/client-sesv2';
import { confirmationEmail } from '@sellout/core/mail/order-emails';
import { anOrder } from '@sellout/core/testing/builders';
import { createFakeClock } from '@sellout/core/testing/fake-system';
import { describeMailerContract } from '@sellout/core/testing/side-effects.contract';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, describe, expect, it } from 'vitest';
import { freshTables, localClient, withoutDynamoDb } from '../testing/dynamodb-test-tables';
import { startLocalSes } from '../testing/ses-local';
import { createSesClient } from './ses-client';
import { createSesMailer } from './ses-mailer';

type MailLog = { warn(fields: object, message: string): void };
const quiet: MailLog = { warn: () => {} };

describe.skipIf(withoutDynamoDb)('SES mailer', async () => {
  const ses = await startLocalSes();
  const dynamodb = localClient();
  const tables = await freshTables(dynamodb, 'ses', ['markers']);
  afterAll(async () => {
    await tables.drop();
    dynamodb.destroy();
    await ses.stop();
  });

  const openMailer = (sesClient = createSesClient(ses.clientOptions), log: MailLog = quiet) =>
    createSesMailer({
      ses: sesClient,
      dynamodb,
      markersTable: tables.names.markers,
      from: 'Sellout <orders@sellout.test>',
      clock: createFakeClock(),
      log,
      random: () => 0,
    });

  const markerOf = async (key: string) =>
    (
      await dynamodb.send(
        new GetItemCommand({
          TableName: tables.names.markers,
          Key: { pk: { S: `mail#${key}` } },
          ConsistentRead: true,
        }),
      )
    ).Item;

  /** Keys of the messages SES holds, by the message id their marker recorded. */
  const sentKeys = async () => {
    const { Items = [] } = await dynamodb.send(
      new ScanCommand({ TableName: tables.names.markers, ConsistentRead: true }),
    );
    const keyOf = new Map(
      Items.map((item) => [item.messageId?.S, item.pk!.S!.slice('mail#'.length)]),
    );
    return (await ses.sent()).map(
      (email) => keyOf.get(email.messageId) ?? `unmarked ${email.messageId}`,
    );
  };

  let prefix = 0;
  describeMailerContract('SES (aws-ses-v2-local, markers in DynamoDB Local)', async () => {
    // The contract reuses keys; each run gets keys of its own and sees only its own.
    const run = `r${++prefix}`;
    const mailer = openMailer();
    return {
      mailer: {
        send: (message, { idempotencyKey }) =>
          mailer.send(message, { idempotencyKey: `${run}.${idempotencyKey}` }),
      },
      sentKeys: async () =>
        (await sentKeys())
          .filter((key) => key.startsWith(`${run}.`))
          .map((key) => key.slice(run.length + 1)),
    };
  });

  it('sends the raw MIME message: subject, text, HTML and the invoice attachment arrive intact', async () => {
    const order = anOrder('u_1', [{ productId: 'p_1', quantity: 1 }], {
      id: 'o_SESRAW',
      number: 'K7M2-9QX4',
    });
    const message = confirmationEmail(
      order,
      { name: 'Sellout ✓' },
      'INVOICE o_SESRAW\nTotal: €10.00\n',
    );
    expect(await openMailer().send(message, { idempotencyKey: 'o_SESRAW.confirmation' })).toEqual({
      kind: 'sent',
    });
    const marker = await markerOf('o_SESRAW.confirmation');
    expect(marker?.state?.S).toBe('sent');
    const email = (await ses.sent()).find((e) => e.messageId === marker?.messageId?.S);
    expect(email).toBeDefined();
    expect(email!.subject).toBe('Sellout ✓: order #K7M2-9QX4 confirmed');
    expect(email!.destination.to).toEqual(['ana@example.com']);
    expect(email!.from).toContain('orders@sellout.test');
    expect(email!.body.text?.trimEnd()).toBe(message.text);
    expect(email!.body.html).toBe(message.html);
    expect(email!.attachments).toHaveLength(1);
    expect(email!.attachments[0]!.filename).toBe('invoice-o_SESRAW.txt');
    expect(Buffer.from(email!.attachments[0]!.content, 'base64').toString('utf8')).toBe(
      'INVOICE o_SESRAW\nTotal: €10.00\n',
    );
  });

  it('retries SES throttling itself and sends once', async () => {
    const client = createSesClient(ses.clientOptions);
    const real = createSesClient(ses.clientOptions);
    const mock = mockClient(client);
    const throttled = new TooManyRequestsException({
      message: 'Maximum sending rate exceeded.',
      $metadata: { httpStatusCode: 429 },
    });
    mock
      .on(SendEmailCommand)
      .rejectsOnce(throttled)
      .rejectsOnce(throttled)
      .callsFake((input) => real.send(new SendEmailCommand(input)));
    const before = (await ses.sent()).length;
    const message = confirmationEmail(
      anOrder('u_1', [{ productId: 'p_1', quantity: 1 }]),
      { name: 'S' },
      'x',
    );
    expect(
      await openMailer(client).send(message, { idempotencyKey: 'o_THROTTLE.confirmation' }),
    ).toEqual({ kind: 'sent' });
    expect(mock.commandCalls(SendEmailCommand)).toHaveLength(3);
    expect((await ses.sent()).length).toBe(before + 1);
    expect((await markerOf('o_THROTTLE.confirmation'))?.state?.S).toBe('sent');
  });

  it('releases the claim when SES refuses outright, so the retry of the delivery sends it', async () => {
    const client = createSesClient(ses.clientOptions);
    const real = createSesClient(ses.clientOptions);
    const mock = mockClient(client);
    mock
      .on(SendEmailCommand)
      .rejectsOnce(
        new SESv2ServiceException({
          name: 'AccountSuspendedException',
          $fault: 'client',
          message: 'suspended',
          $metadata: { httpStatusCode: 400 },
        }),
      )
      .callsFake((input) => real.send(new SendEmailCommand(input)));
    const mailer = openMailer(client);
    const message = confirmationEmail(
      anOrder('u_1', [{ productId: 'p_1', quantity: 1 }]),
      { name: 'S' },
      'x',
    );
    await expect(
      mailer.send(message, { idempotencyKey: 'o_REFUSED.confirmation' }),
    ).rejects.toThrow('suspended');
    expect(await markerOf('o_REFUSED.confirmation')).toBeUndefined();
    expect(await mailer.send(message, { idempotencyKey: 'o_REFUSED.confirmation' })).toEqual({
      kind: 'sent',
    });
    expect((await sentKeys()).filter((k) => k === 'o_REFUSED.confirmation')).toHaveLength(1);
  });

  it('never sends twice after an answer that did not come (it may have gone out), and leaves the trace', async () => {
    const client = createSesClient(ses.clientOptions);
    const real = createSesClient(ses.clientOptions);
    const mock = mockClient(client);
    // SES takes the message, then the connection drops before its answer reaches us.
    mock.on(SendEmailCommand).callsFake(async (input) => {
      await real.send(new SendEmailCommand(input));
      throw Object.assign(new Error('socket hang up'), { name: 'TimeoutError' });
    });
    const warnings: string[] = [];
    const mailer = openMailer(client, {
      warn: (_fields: object, text: string) => void warnings.push(text),
    });
    const message = confirmationEmail(
      anOrder('u_1', [{ productId: 'p_1', quantity: 1 }]),
      { name: 'S' },
      'x',
    );
    const before = (await ses.sent()).length;
    await expect(mailer.send(message, { idempotencyKey: 'o_LOST.confirmation' })).rejects.toThrow(
      'socket hang up',
    );
    // The delivery is retried: the marker holds, nothing goes out a second time.
    expect(await mailer.send(message, { idempotencyKey: 'o_LOST.confirmation' })).toEqual({
      kind: 'already-sent',
    });
    expect((await ses.sent()).length).toBe(before + 1);
    const marker = await markerOf('o_LOST.confirmation');
    expect(marker?.state?.S).toBe('unconfirmed');
    expect(marker?.lastError?.S).toContain('socket hang up');
    expect(warnings).toEqual(['email may not have been sent; not retrying it']);
  });

  it('treats a claim left by a crash before the send as sent: at most once, the claim is the trace', async () => {
    // What a worker killed between its claim and SES's answer leaves behind.
    await dynamodb.send(
      new PutItemCommand({
        TableName: tables.names.markers,
        Item: {
          pk: { S: 'mail#o_CRASH.confirmation' },
          state: { S: 'sending' },
          claim: { S: 'x' },
        },
      }),
    );
    const before = (await ses.sent()).length;
    const message = confirmationEmail(
      anOrder('u_1', [{ productId: 'p_1', quantity: 1 }]),
      { name: 'S' },
      'x',
    );
    expect(await openMailer().send(message, { idempotencyKey: 'o_CRASH.confirmation' })).toEqual({
      kind: 'already-sent',
    });
    expect((await ses.sent()).length).toBe(before);
    expect((await markerOf('o_CRASH.confirmation'))?.state?.S).toBe('sending');
  });
});
