import { mkdtempSync, readdirSync, readFileSync, statSync, watch } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { confirmationEmail } from '@sellout/core/mail/order-emails';
import { anOrder } from '@sellout/core/testing/builders';
import { describeMailerContract } from '@sellout/core/testing/side-effects.contract';
import { describe, expect, it } from 'vitest';
import { createFileMailer } from './file-mailer';

const modeOf = (path: string) => (statSync(path).mode & 0o777).toString(8);

const openMailer = () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'sellout-mail-'));
  const dir = join(dataDir, 'mail');
  const tempDir = join(dataDir, 'tmp');
  const mailer = createFileMailer({ dir, tempDir, from: 'Sellout <orders@sellout.test>' });
  const sentKeys = async () =>
    readdirSync(dir)
      .filter((f) => f.endsWith('.eml'))
      .map((f) => f.slice(0, -'.eml'.length));
  return { dir, tempDir, mailer, sentKeys };
};

describeMailerContract('file mailer', async () => openMailer());

describe('file mailer', () => {
  it('writes a real MIME message with text, HTML and the invoice attached', async () => {
    const { dir, mailer } = openMailer();
    const order = anOrder('u_1', [{ productId: 'p_1', quantity: 1 }], {
      id: 'o_MIME1',
      number: 'K7M2-9QX4',
    });
    await mailer.send(
      confirmationEmail(order, { name: 'Sellout' }, 'INVOICE TEXT\nTotal: $10.00\n'),
      {
        idempotencyKey: 'o_MIME1.confirmation',
      },
    );
    const files = readdirSync(dir);
    expect(files).toEqual(['o_MIME1.confirmation.eml']);
    const wire = readFileSync(join(dir, files[0]!), 'utf8');
    // RFC 5322 lines end in CRLF; read it as text lines for the assertions below.
    expect(wire).toMatch(/^From: .*\r$/m);
    const raw = wire.replaceAll('\r\n', '\n');
    expect(raw).toMatch(/^From: Sellout <orders@sellout\.test>$/m);
    expect(raw).toMatch(/^To: ana@example\.com$/m);
    expect(raw).toMatch(/^Subject: Sellout: order #K7M2-9QX4 confirmed$/m);
    expect(raw).toMatch(/^Content-Type: multipart\/mixed; boundary=/m);
    expect(raw).toMatch(/^Content-Type: multipart\/alternative;\s+boundary=/m);
    expect(raw).toMatch(/^Content-Type: text\/plain; charset=utf-8$/m);
    expect(raw).toMatch(/^Content-Type: text\/html; charset=utf-8$/m);
    expect(raw).toMatch(/^Content-Disposition: attachment; filename=invoice-o_MIME1\.txt$/m);
    expect(raw).toMatch(/^X-Sellout-Idempotency-Key: o_MIME1\.confirmation$/m);
    const attachment = raw.match(/filename=invoice-o_MIME1\.txt\n\n([A-Za-z0-9+/=\n]+?)\n-/);
    expect(Buffer.from(attachment?.[1] ?? '', 'base64').toString('utf8')).toBe(
      'INVOICE TEXT\nTotal: $10.00\n',
    );
  });

  it('leaves no temporary files behind, also when a send is a duplicate', async () => {
    const { dir, tempDir, mailer } = openMailer();
    const message = confirmationEmail(
      anOrder('u_1', [{ productId: 'p_1', quantity: 1 }]),
      { name: 'S' },
      'x',
    );
    await Promise.all([1, 2, 3].map(() => mailer.send(message, { idempotencyKey: 'k1' })));
    expect(readdirSync(dir)).toEqual(['k1.eml']);
    expect(readdirSync(tempDir)).toEqual([]);
  });

  it('never shows a half-written message in mail/: it is written in the temporary folder', async () => {
    const { dir, tempDir, mailer } = openMailer();
    const message = confirmationEmail(
      anOrder('u_1', [{ productId: 'p_1', quantity: 1 }]),
      { name: 'S' },
      'x',
    );
    await mailer.send(message, { idempotencyKey: 'first' });
    // Every name that appears in mail/ while messages are written; a reader could see each.
    const seen: string[] = [];
    const watcher = watch(dir, (_event, name) => name && seen.push(name));
    await Promise.all(
      Array.from({ length: 20 }, (_, i) => mailer.send(message, { idempotencyKey: `k${i}` })),
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    watcher.close();
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.filter((name) => !name.endsWith('.eml'))).toEqual([]);
    expect(readdirSync(tempDir)).toEqual([]);
  });

  it('keeps messages for the owner only, whatever the umask', async () => {
    const previous = process.umask(0);
    try {
      const { dir, tempDir, mailer } = openMailer();
      const message = confirmationEmail(
        anOrder('u_1', [{ productId: 'p_1', quantity: 1 }]),
        { name: 'S' },
        'x',
      );
      await mailer.send(message, { idempotencyKey: 'k3' });
      expect(modeOf(dir)).toBe('700');
      expect(modeOf(tempDir)).toBe('700');
      expect(modeOf(join(dir, 'k3.eml'))).toBe('600');
    } finally {
      process.umask(previous);
    }
  });
});
