import { randomBytes } from 'node:crypto';
import { link, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Mailer } from '@sellout/core/mail/mailer-port';
import { composeMimeMessage, domainOf } from '@sellout/core/mail/mime-message';
import { makePrivateDir, PRIVATE_FILE_MODE, temporaryPath } from '../files/private-files';

const SAFE_KEY = /^[A-Za-z0-9_][A-Za-z0-9._-]{0,200}$/;

/**
 * Writes each message as a real MIME file (`<idempotencyKey>.eml`, composed by core's
 * composeMimeMessage, the same bytes the SES mailer sends) under `dir`, for a local shop with no mail server; any mail client opens them.
 * The message is written in `tempDir` (same file system, outside `dir`) and its final name is
 * created with link(2), which fails if it exists: of two racing sends exactly one wins, and a
 * crash mid-write leaves only a temporary file in `tempDir`, never anything in `dir` but whole
 * messages. Files and folders are the owner's only.
 */
export const createFileMailer = (options: {
  dir: string;
  tempDir: string;
  from: string;
}): Mailer => {
  let madeDirs = false;
  return {
    async send(message, { idempotencyKey }) {
      if (!SAFE_KEY.test(idempotencyKey))
        throw new Error(`unsafe mail key: ${JSON.stringify(idempotencyKey)}`);
      const token = randomBytes(9).toString('hex');
      const raw = composeMimeMessage(message, {
        from: options.from,
        date: new Date(),
        messageId: `${idempotencyKey}.${token}@${domainOf(options.from)}`,
        headers: { 'X-Sellout-Idempotency-Key': idempotencyKey },
        boundaryToken: token,
      });
      if (!madeDirs) {
        makePrivateDir(options.dir);
        makePrivateDir(options.tempDir);
        madeDirs = true;
      }
      const final = join(options.dir, `${idempotencyKey}.eml`);
      const temporary = temporaryPath(options.tempDir);
      await writeFile(temporary, raw, { mode: PRIVATE_FILE_MODE });
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
