export type MailAttachment = { filename: string; content: string; contentType: string };

export type MailMessage = {
  to: string;
  subject: string;
  text: string;
  html: string;
  attachments: MailAttachment[];
};

/**
 * Sends email at most once per idempotency key: a second send with the same key does nothing
 * and says so, whatever happened to the first (retries, crashes).
 */
export type Mailer = {
  send(
    message: MailMessage,
    options: { idempotencyKey: string },
  ): Promise<{ kind: 'sent' } | { kind: 'already-sent' }>;
};
