import { z } from '@hono/zod-openapi';
import type { InvoiceAnswer } from '@sellout/core/orders/get-invoice';
import type { Result } from '@sellout/core/shared/result';
import type { Context } from 'hono';
import { sendFailure } from '../http/errors';

/** The two ways an invoice is answered, for the shopper's route and the owner's alike. */
export const invoiceResponses = {
  200: {
    content: { 'text/plain': { schema: z.string() } },
    description: 'The invoice as plain text (the shop on one machine).',
  },
  302: {
    description:
      'The invoice is in object storage (the shop on AWS): `Location` is a presigned URL ' +
      'of it, valid for a few minutes; fetch it without the Authorization header.',
    headers: z.object({
      Location: z.string().meta({ description: 'A short-lived download URL.' }),
    }),
  },
} as const;

export const answerInvoice = (c: Context, result: Result<InvoiceAnswer>) => {
  if (!result.ok) return sendFailure(c, result.error);
  const invoice = result.value;
  if (invoice.kind === 'link') return c.redirect(invoice.url, 302);
  c.header('Content-Disposition', `inline; filename="${invoice.filename}"`);
  return c.text(invoice.body, 200, { 'Content-Type': invoice.contentType });
};
