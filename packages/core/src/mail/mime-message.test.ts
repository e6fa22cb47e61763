import { describe, expect, it } from 'vitest';
import { composeMimeMessage, mailDate } from './mime-message';

const envelope = {
  from: 'Sellout Störe <orders@sellout.test>',
  date: new Date('2026-12-01T20:47:05Z'),
  messageId: 'o_1.confirmation.abc@sellout.test',
  headers: { 'X-Sellout-Idempotency-Key': 'o_1.confirmation' },
  boundaryToken: 'abcdef123456',
};

const message = {
  to: 'ana@example.com',
  subject: 'Your order — ünïcødé ✓ and a subject long enough to need more than one encoded word',
  text: `Thank you!\n${'x'.repeat(200)}\nTotal: €12.00 = paid \nend`,
  html: '<p>Thank you, Ana ✓</p>',
  attachments: [
    {
      filename: 'invoice-o_1.txt',
      content: 'INVOICE\n€12.00\n',
      contentType: 'text/plain; charset=utf-8',
    },
  ],
};

/** Quoted-printable back to text, as a mail client reads it. */
const decodeQuotedPrintable = (text: string) =>
  new TextDecoder().decode(
    Uint8Array.from(
      text
        .replace(/=\r\n/g, '')
        .replace(/=([0-9A-F]{2})|[\s\S]/g, (char, hex: string | undefined) =>
          hex ? String.fromCharCode(Number.parseInt(hex, 16)) : char,
        ),
      (c) => c.charCodeAt(0),
    ),
  );

describe('composeMimeMessage', () => {
  const raw = composeMimeMessage(message, envelope);

  it('ends every line in CRLF and keeps lines within 78 characters', () => {
    expect(raw.replaceAll('\r\n', '')).not.toMatch(/[\r\n]/);
    for (const line of raw.split('\r\n')) expect(line.length).toBeLessThanOrEqual(78);
  });

  it('writes the headers mail clients need, non-ASCII text as encoded words', () => {
    const head = raw.slice(0, raw.indexOf('\r\n\r\n'));
    expect(head).toMatch(/^From: =\?UTF-8\?B\?[A-Za-z0-9+/=]+\?=\r\n <orders@sellout\.test>$/m);
    expect(head).toMatch(/^To: ana@example\.com$/m);
    expect(head).toMatch(/^Date: Tue, 01 Dec 2026 20:47:05 \+0000$/m);
    expect(head).toMatch(/^Message-ID: <o_1\.confirmation\.abc@sellout\.test>$/m);
    expect(head).toMatch(/^MIME-Version: 1\.0$/m);
    expect(head).toMatch(/^X-Sellout-Idempotency-Key: o_1\.confirmation$/m);
    const subject = /^Subject: ((?:.*\r\n )*.*)$/m.exec(head)?.[1] ?? '';
    const decoded = [...subject.matchAll(/=\?UTF-8\?B\?([^?]+)\?=/g)]
      .map((m) => new TextDecoder().decode(Uint8Array.from(atob(m[1]!), (c) => c.charCodeAt(0))))
      .join('');
    expect(decoded).toBe(message.subject);
  });

  it('carries the text, the HTML and the attachment intact', () => {
    const parts = raw.split(/\r\n--(?:alt|mix)-abcdef123456(?:--)?\r\n/);
    const bodyOf = (type: string) => {
      const part = parts.find((p) => p.startsWith(`Content-Type: ${type}`))!;
      return part.slice(part.indexOf('\r\n\r\n') + 4);
    };
    expect(decodeQuotedPrintable(bodyOf('text/plain')).replaceAll('\r\n', '\n')).toBe(message.text);
    expect(decodeQuotedPrintable(bodyOf('text/html'))).toBe(message.html);
    const attachment = bodyOf('text/plain; charset=utf-8; name=invoice-o_1.txt');
    expect(
      new TextDecoder().decode(
        Uint8Array.from(atob(attachment.replaceAll('\r\n', '')), (c) => c.charCodeAt(0)),
      ),
    ).toBe('INVOICE\n€12.00\n');
  });

  it('refuses a header value that would start another header', () => {
    expect(() =>
      composeMimeMessage({ ...message, to: 'ana@example.com\r\nBcc: all@example.com' }, envelope),
    ).toThrow(/line break/);
  });

  it('formats dates as RFC 5322 does, in UTC', () => {
    expect(mailDate(new Date('2027-03-05T04:03:02.999Z'))).toBe('Fri, 05 Mar 2027 04:03:02 +0000');
  });
});
