import type { MailMessage } from './mailer-port';

/*
 * A MailMessage as the raw MIME text mail clients and SES read (RFC 5322, 2045–2047, 2183):
 * pure text building, so every mailer — the local `.eml` files, SES's raw SendEmail — sends the
 * very same bytes, and none needs a mail library. Lines end in CRLF; bodies are
 * quoted-printable (readable in the file), attachments base64; non-ASCII header text is
 * RFC 2047 encoded words. The caller supplies what is not pure: the date, the boundaries'
 * randomness and the Message-ID.
 */

export type MimeEnvelope = {
  /** `Shop <orders@shop.example>` or a bare address. */
  from: string;
  date: Date;
  /** Without the angle brackets: `o_1.confirmation.k3j2@shop.example`. */
  messageId: string;
  /** Extra headers, e.g. the idempotency key, ASCII only. */
  headers?: Record<string, string>;
  /** Letters and digits making the multipart boundaries unique to this message. */
  boundaryToken: string;
};

const CRLF = '\r\n';
// One encoder for every call: making one per string was a sizeable share of composing a mail.
const encoder = new TextEncoder();
const utf8 = (text: string) => encoder.encode(text);

/** Bytes as base64, in chunks (a character at a time made a string per byte). */
const toBase64 = (bytes: Uint8Array) => {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x2000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x2000));
  return btoa(binary);
};

const wrap = (text: string, width: number) => {
  const lines: string[] = [];
  for (let i = 0; i < text.length; i += width) lines.push(text.slice(i, i + width));
  return lines.length === 0 ? [''] : lines;
};

const HEX = '0123456789ABCDEF';
const escaped = (byte: number) => `=${HEX[byte >> 4]}${HEX[byte & 15]}`;
/** Each byte as quoted-printable, space and tab as themselves (they are escaped at a line's end). */
const QP_TOKENS = Array.from({ length: 256 }, (_, byte) =>
  (byte >= 33 && byte <= 126 && byte !== 61) || byte === 32 || byte === 9
    ? String.fromCharCode(byte)
    : escaped(byte),
);
/** A line that quoted-printable leaves as it is: short, ASCII, no `=`, no space at its end. */
const QP_AS_IS = /^(?:[\x21-\x3c\x3e-\x7e \t]{0,74}[\x21-\x3c\x3e-\x7e])?$/;

/** One line of text as quoted-printable lines of at most 76 characters (soft breaks `=`). */
const quotedPrintableLine = (line: string) => {
  if (QP_AS_IS.test(line)) return line;
  const bytes = utf8(line);
  const out: string[] = [];
  let current = '';
  const lastIndex = bytes.length - 1;
  for (let i = 0; i <= lastIndex; i++) {
    const byte = bytes[i]!;
    const token = i === lastIndex && (byte === 32 || byte === 9) ? escaped(byte) : QP_TOKENS[byte]!;
    if (current.length + token.length > 75) {
      out.push(`${current}=`);
      current = '';
    }
    current += token;
  }
  out.push(current);
  return out.join(CRLF);
};

const quotedPrintable = (text: string) =>
  text.replace(/\r\n?/g, '\n').split('\n').map(quotedPrintableLine).join(CRLF);

const isPlainAscii = (text: string) => /^[\x20-\x7e]*$/.test(text);

/**
 * Non-ASCII header text as encoded words, one per folded line, short enough that even the first
 * one after `Subject: ` keeps its line within 78 characters.
 */
const encodedWords = (text: string) => {
  const words: string[] = [];
  let chunk = '';
  for (const char of text) {
    // 36 bytes of UTF-8 make 48 of base64: `=?UTF-8?B?…?=` is 60 characters.
    if (utf8(chunk + char).length > 36) {
      words.push(chunk);
      chunk = '';
    }
    chunk += char;
  }
  words.push(chunk);
  return words.map((word) => `=?UTF-8?B?${toBase64(utf8(word))}?=`).join(`${CRLF} `);
};

const headerText = (text: string) => (isPlainAscii(text) ? text : encodedWords(text));

/** RFC 5322 `atext` and spaces: a display name that needs no quotes. */
const ATOMS = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~ -]+$/;

const mailbox = (address: string) => {
  const match = /^\s*(.*?)\s*<([^<>\s]+)>\s*$/.exec(address);
  if (!match) return address.trim();
  const [, name = '', email = ''] = match;
  if (name === '') return email;
  // Encoded words fill their lines: the address goes on a folded line of its own.
  if (!isPlainAscii(name)) return `${encodedWords(name)}${CRLF} <${email}>`;
  return `${ATOMS.test(name) ? name : `"${name.replace(/["\\]/g, '\\$&')}"`} <${email}>`;
};

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const two = (n: number) => String(n).padStart(2, '0');

/** `Tue, 01 Dec 2026 20:47:15 +0000` (RFC 5322 §3.3), in UTC. */
export const mailDate = (date: Date) =>
  `${DAYS[date.getUTCDay()]}, ${two(date.getUTCDate())} ${MONTHS[date.getUTCMonth()]} ` +
  `${date.getUTCFullYear()} ${two(date.getUTCHours())}:${two(date.getUTCMinutes())}:` +
  `${two(date.getUTCSeconds())} +0000`;

/** RFC 2045 `token`: a parameter value that needs no quotes. */
const TOKEN = /^[A-Za-z0-9!#$%&'*+.^_`{|}~-]+$/;
const parameter = (value: string) =>
  TOKEN.test(value) ? value : `"${value.replace(/["\\\r\n]/g, '_')}"`;

/** A header line; a value that could start a header of its own (CR, LF) is a bug upstream. */
const header = (name: string, value: string) => {
  if (/[\r\n]/.test(value.replaceAll(`${CRLF} `, ''))) {
    throw new Error(`header ${name} has a line break`);
  }
  return `${name}: ${value}`;
};

const textPart = (subtype: 'plain' | 'html', body: string) =>
  [
    `Content-Type: text/${subtype}; charset=utf-8`,
    'Content-Transfer-Encoding: quoted-printable',
    '',
    quotedPrintable(body),
  ].join(CRLF);

const multipart = (subtype: 'mixed' | 'alternative', boundary: string, parts: string[]) => ({
  contentType: `multipart/${subtype}; boundary="${boundary}"`,
  body: [...parts.map((part) => `--${boundary}${CRLF}${part}`), `--${boundary}--`, ''].join(CRLF),
});

/** The whole message: headers, a blank line, the body; CRLF line ends throughout. */
export const composeMimeMessage = (message: MailMessage, envelope: MimeEnvelope): string => {
  if (!/^[A-Za-z0-9]{8,}$/.test(envelope.boundaryToken)) {
    throw new Error('boundaryToken must be at least 8 letters or digits');
  }
  const alternative = multipart('alternative', `alt-${envelope.boundaryToken}`, [
    textPart('plain', message.text),
    textPart('html', message.html),
  ]);
  const content =
    message.attachments.length === 0
      ? alternative
      : multipart('mixed', `mix-${envelope.boundaryToken}`, [
          `Content-Type: ${alternative.contentType}${CRLF}${CRLF}${alternative.body}`,
          ...message.attachments.map((attachment) =>
            [
              `Content-Type: ${attachment.contentType}; name=${parameter(attachment.filename)}`,
              'Content-Transfer-Encoding: base64',
              `Content-Disposition: attachment; filename=${parameter(attachment.filename)}`,
              '',
              wrap(toBase64(utf8(attachment.content)), 76).join(CRLF),
            ].join(CRLF),
          ),
        ]);
  const headers = [
    header('From', mailbox(envelope.from)),
    header('To', mailbox(message.to)),
    header('Subject', headerText(message.subject)),
    header('Date', mailDate(envelope.date)),
    header('Message-ID', `<${envelope.messageId}>`),
    'MIME-Version: 1.0',
    ...Object.entries(envelope.headers ?? {}).map(([name, value]) =>
      header(name, headerText(value)),
    ),
    header('Content-Type', content.contentType),
  ];
  return `${headers.join(CRLF)}${CRLF}${CRLF}${content.body}`;
};

/** The domain of an address, for Message-IDs: `orders@shop.example` → `shop.example`. */
export const domainOf = (address: string) => /@([^>\s]+)>?\s*$/.exec(address)?.[1] ?? 'localhost';
