import { assertSafeBlobKey } from '../invoices/blob-keys';
import type { BlobStore } from '../invoices/blob-store-port';
import type { Mailer, MailMessage } from '../mail/mailer-port';

/** Blobs in a map; keys are checked like the real stores check them. */
export const createInMemoryBlobStore = () => {
  const blobs = new Map<string, { body: string; contentType: string }>();
  return {
    blobs,
    put: async (key, body, contentType) => {
      assertSafeBlobKey(key);
      blobs.set(key, { body, contentType });
    },
    get: async (key) => {
      assertSafeBlobKey(key);
      return blobs.get(key) ?? null;
    },
  } satisfies BlobStore & { blobs: Map<string, unknown> };
};

/** Keeps every message it would have sent, once per idempotency key. */
export const createRecordingMailer = () => {
  const sent = new Map<string, MailMessage>();
  return {
    sent,
    send: async (message, { idempotencyKey }) => {
      if (sent.has(idempotencyKey)) return { kind: 'already-sent' };
      sent.set(idempotencyKey, message);
      return { kind: 'sent' };
    },
  } satisfies Mailer & { sent: Map<string, MailMessage> };
};
