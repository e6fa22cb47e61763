import type { BlobStore } from '../invoices/blob-store-port';
import type { Mailer, MailMessage } from '../mail/mailer-port';

/** Blobs in a map; keys are checked like the real stores check them. */
export const createInMemoryBlobStore = () => {
  const blobs = new Map<string, { body: string; contentType: string }>();
  return {
    blobs,
    put: async (key, body, contentType) => {
      assertSafeKey(key);
      blobs.set(key, { body, contentType });
    },
    get: async (key) => {
      assertSafeKey(key);
      return blobs.get(key) ?? null;
    },
  } satisfies BlobStore & { blobs: Map<string, unknown> };
};

/** A blob key: slash-separated segments of safe characters, never `.` or `..`. */
export const assertSafeKey = (key: string) => {
  const segments = key.split('/');
  if (key.length > 512 || segments.some((s) => !/^[A-Za-z0-9_][A-Za-z0-9._-]*$/.test(s))) {
    throw new Error(`unsafe blob key: ${JSON.stringify(key)}`);
  }
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
