import { describe, expect, it } from 'vitest';
import type { BlobStore } from '../invoices/blob-store-port';
import type { Mailer, MailMessage } from '../mail/mailer-port';

const aMessage = (overrides: Partial<MailMessage> = {}): MailMessage => ({
  to: 'ana@example.com',
  subject: 'Order o_1 confirmed — ünïcødé ✓',
  text: 'Thank you.\nLine two.',
  html: '<p>Thank you.</p>',
  attachments: [
    {
      filename: 'invoice-o_1.txt',
      content: 'INVOICE\n€12.00',
      contentType: 'text/plain; charset=utf-8',
    },
  ],
  ...overrides,
});

/**
 * What every Mailer must do. `sentKeys` lists the idempotency keys of messages actually sent,
 * read from wherever the adapter sends them (files, a fake SES endpoint).
 */
export const describeMailerContract = (
  name: string,
  open: () => Promise<{ mailer: Mailer; sentKeys: () => Promise<string[]> }>,
) =>
  describe(`Mailer contract: ${name}`, () => {
    it('sends a message once per idempotency key', async () => {
      const { mailer, sentKeys } = await open();
      expect(await mailer.send(aMessage(), { idempotencyKey: 'o_1.confirmation' })).toEqual({
        kind: 'sent',
      });
      expect(await mailer.send(aMessage(), { idempotencyKey: 'o_1.confirmation' })).toEqual({
        kind: 'already-sent',
      });
      expect(
        await mailer.send(aMessage({ subject: 'declined' }), { idempotencyKey: 'o_1.declined' }),
      ).toEqual({
        kind: 'sent',
      });
      expect((await sentKeys()).sort()).toEqual(['o_1.confirmation', 'o_1.declined']);
    });

    it('sends exactly once when the same key is sent in parallel', async () => {
      const { mailer, sentKeys } = await open();
      const outcomes = await Promise.all(
        Array.from({ length: 10 }, () =>
          mailer.send(aMessage(), { idempotencyKey: 'o_2.confirmation' }),
        ),
      );
      expect(outcomes.filter((o) => o.kind === 'sent')).toHaveLength(1);
      expect(await sentKeys()).toEqual(['o_2.confirmation']);
    });
  });

/** What every BlobStore must do. */
export const describeBlobStoreContract = (name: string, open: () => Promise<BlobStore>) =>
  describe(`BlobStore contract: ${name}`, () => {
    it('returns what was put, with its content type', async () => {
      const blobs = await open();
      await blobs.put('invoices/o_1.txt', 'Total: €12.00 ✓\n', 'text/plain; charset=utf-8');
      expect(await blobs.get('invoices/o_1.txt')).toEqual({
        body: 'Total: €12.00 ✓\n',
        contentType: 'text/plain; charset=utf-8',
      });
    });

    it('answers null for a key never put', async () => {
      const blobs = await open();
      expect(await blobs.get('invoices/o_none.txt')).toBeNull();
    });

    it('replaces the object at a key whole, so a retry leaves exactly one', async () => {
      const blobs = await open();
      await blobs.put(
        'invoices/o_2.txt',
        'first attempt, a longer body',
        'text/plain; charset=utf-8',
      );
      await blobs.put('invoices/o_2.txt', 'second', 'text/plain; charset=utf-8');
      expect((await blobs.get('invoices/o_2.txt'))?.body).toBe('second');
    });

    it('refuses keys that could escape their folder', async () => {
      const blobs = await open();
      for (const key of ['../secrets.json', 'invoices/../../x', '/etc/passwd', 'invoices//x', '']) {
        await expect(blobs.put(key, 'x', 'text/plain')).rejects.toThrow();
        await expect(blobs.get(key)).rejects.toThrow();
      }
    });
  });
