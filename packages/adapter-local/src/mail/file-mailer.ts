import { link, mkdir, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Mailer } from '@sellout/core/mail/mailer-port';
import MailComposer from 'nodemailer/lib/mail-composer';

const SAFE_KEY = /^[A-Za-z0-9_][A-Za-z0-9._-]{0,200}$/;

/**
 * Writes each message as a real MIME file (`<idempotencyKey>.eml`, built by nodemailer's
 * MailComposer) under `dir`, for a local shop with no mail server; any mail client opens them. The final name is
 * created with link(2), which fails if it exists: of two racing sends exactly one wins, and a
 * crash mid-write leaves only a temporary file, never half a message under the final name.
 */
export const createFileMailer = (options: { dir: string; from: string }): Mailer => {
  let madeDir: Promise<unknown> | null = null;
  return {
    async send(message, { idempotencyKey }) {
      if (!SAFE_KEY.test(idempotencyKey))
        throw new Error(`unsafe mail key: ${JSON.stringify(idempotencyKey)}`);
      // MailComposer is what nodemailer's transports build messages with; calling it directly
      // skips the transport pipeline, which cost several milliseconds of event-loop turns a mail.
      const raw = await new MailComposer({
        from: options.from,
        to: message.to,
        subject: message.subject,
        text: message.text,
        html: message.html,
        attachments: message.attachments.map((a) => ({
          filename: a.filename,
          content: a.content,
          contentType: a.contentType,
        })),
        headers: { 'X-Sellout-Idempotency-Key': idempotencyKey },
      })
        .compile()
        .build();
      madeDir ??= mkdir(options.dir, { recursive: true });
      await madeDir;
      const final = join(options.dir, `${idempotencyKey}.eml`);
      const temporary = `${final}.${process.pid}.${Date.now()}.${Math.random().toString(36).slice(2)}.tmp`;
      await writeFile(temporary, raw);
      try {
        await link(temporary, final);
        return { kind: 'sent' };
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'EEXIST') return { kind: 'already-sent' };
        throw error;
      } finally {
        await unlink(temporary);
      }
    },
  };
};
