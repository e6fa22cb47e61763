import type { MailMessage } from '@sellout/core/mail/mailer-port';
import { describe, expect, it } from 'vitest';
import { mimeComposer } from './mime-message';

const envelope = {
  messageId: '<o_1.confirmation@shop.example>',
  date: new Date('2026-12-12T12:00:00Z'),
  boundary: '0123456789abcdef',
  headers: { 'X-Sellout-Idempotency-Key': 'o_1.confirmation' },
};

const message: MailMessage = {
  to: 'ana@example.com',
  subject: 'Boutique Élodie: order #K7M2-9QX4 confirmed — merci',
  text: `Hi Zoë,\n\n  1 × Crème brûlée torch — €10.00\n${'A long line of text. '.repeat(8)}\n`,
  html: '<p>Hi Zoë,</p><p>1 × Crème brûlée torch — €10.00</p>',
  attachments: [
    {
      filename: 'invoice-o_1.txt',
      content: 'INVOICE\nTotal: €10.00\n',
      contentType: 'text/plain; charset=utf-8',
    },
  ],
};

const bytesOfHex = (text: string) =>
  Buffer.from(
    text.replace(/=([0-9A-F]{2})/g, (_, hex: string) =>
      String.fromCharCode(Number.parseInt(hex, 16)),
    ),
    'latin1',
  );

/** An RFC 2047 header value as a reader sees it: unfolded, encoded words decoded. */
const decodeHeader = (value: string) =>
  value
    .replace(/\r\n /g, ' ')
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?UTF-8\?Q\?(.*?)\?=/gi, (_, word: string) =>
      bytesOfHex(word.replaceAll('_', ' ')).toString('utf8'),
    );

const headerOf = (raw: string, name: string) =>
  decodeHeader(new RegExp(`^${name}: (.*(?:\\r\\n .*)*)`, 'm').exec(raw)?.[1] ?? '');

/** The body of the part whose Content-Type starts with `type`, decoded. */
const partBody = (raw: string, type: string) => {
  const part = raw.split(/\r\n--.*\r\n/).find((p) => p.startsWith(`Content-Type: ${type}`));
  if (!part) throw new Error(`no ${type} part`);
  const [head, ...rest] = part.split('\r\n\r\n');
  const body = rest.join('\r\n\r\n').replace(/\r\n--[^\r\n]*--\r\n(\r\n)?$/, '');
  if (/Content-Transfer-Encoding: base64/.test(head!))
    return Buffer.from(body, 'base64').toString('utf8');
  if (/quoted-printable/.test(head!))
    return bytesOfHex(body.replace(/=\r\n/g, '')).toString('utf8');
  return body;
};

describe('MIME messages', () => {
  const raw = mimeComposer('Boutique Élodie <orders@shop.example>')(message, envelope);

  it('ends every line in CRLF and keeps lines within the 78 characters mail readers expect', () => {
    expect(raw.replaceAll('\r\n', '')).not.toMatch(/[\r\n]/);
    for (const line of raw.split('\r\n')) expect(line.length).toBeLessThanOrEqual(78);
  });

  it('encodes names and subjects beyond ASCII so that they read back as written', () => {
    expect(raw).toMatch(/^From: .*<orders@shop\.example>\r$/m);
    expect(headerOf(raw, 'From')).toBe('Boutique Élodie <orders@shop.example>');
    expect(headerOf(raw, 'Subject')).toBe(message.subject);
    expect(headerOf(raw, 'To')).toBe('ana@example.com');
    expect(headerOf(raw, 'Message-ID')).toBe(envelope.messageId);
    expect(headerOf(raw, 'Date')).toBe('Sat, 12 Dec 2026 12:00:00 +0000');
    expect(headerOf(raw, 'X-Sellout-Idempotency-Key')).toBe('o_1.confirmation');
  });

  it('quotes a plain name with punctuation instead of encoding it', () => {
    const quoted = mimeComposer('"Shop \\"Best\\", Inc." <orders@shop.example>')(message, envelope);
    expect(quoted).toMatch(/^From: "Shop \\"Best\\", Inc\." <orders@shop\.example>\r$/m);
  });

  it('carries the text, the HTML and the attachment unchanged', () => {
    expect(partBody(raw, 'text/plain; charset=utf-8\r\n')).toBe(
      message.text.replaceAll('\n', '\r\n'),
    );
    expect(partBody(raw, 'text/html')).toBe(message.html);
    expect(raw).toMatch(/^Content-Disposition: attachment; filename=invoice-o_1\.txt\r$/m);
    expect(partBody(raw, 'text/plain; charset=utf-8; name=invoice-o_1.txt')).toBe(
      message.attachments[0]!.content,
    );
  });

  it('sends short ASCII text as it is', () => {
    const plain = mimeComposer('Sellout <orders@shop.example>')(
      { ...message, subject: 'Order confirmed', text: 'Hi Ana,\nThank you!', html: '<p>Hi</p>' },
      envelope,
    );
    expect(plain).toMatch(/^Subject: Order confirmed\r$/m);
    expect(plain).toContain('Content-Transfer-Encoding: 7bit\r\n\r\nHi Ana,\r\nThank you!\r\n');
  });
});
