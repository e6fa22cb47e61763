import type { Order } from '../orders/order';
import { formatMoney } from '../shared/money';
import type { MailMessage } from './mailer-port';

export type OrderEmailKind = 'confirmation' | 'declined';

/** One email per order per kind, whatever the retries. */
export const orderEmailKey = (orderId: string, kind: OrderEmailKind) => `${orderId}.${kind}`;

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const linesText = (order: Order) =>
  order.lines.map(
    (l) =>
      `  ${l.quantity} × ${l.name} — ${formatMoney(l.priceCents * l.quantity, order.currency)}`,
  );

const linesHtml = (order: Order) =>
  order.lines
    .map(
      (l) =>
        `<tr><td>${l.quantity} ×</td><td>${escapeHtml(l.name)}</td><td style="text-align:right">${formatMoney(l.priceCents * l.quantity, order.currency)}</td></tr>`,
    )
    .join('');

const page = (title: string, body: string) =>
  `<!doctype html><html><body style="font-family:system-ui,sans-serif;color:#111;max-width:560px;margin:auto"><h1 style="color:#e11d48">${escapeHtml(title)}</h1>${body}</body></html>`;

export const confirmationEmail = (
  order: Order,
  shop: { name: string },
  invoice: string,
): MailMessage => {
  const total = formatMoney(order.totalCents, order.currency);
  return {
    to: order.email,
    subject: `${shop.name}: order ${order.id} confirmed`,
    text: [
      `Hi ${order.shipping.name},`,
      '',
      `Thank you! Your payment went through and order ${order.id} is confirmed.`,
      '',
      ...linesText(order),
      `  Total: ${total}`,
      '',
      'Your invoice is attached.',
      '',
      `— ${shop.name}`,
    ].join('\n'),
    html: page(
      'Order confirmed',
      `<p>Hi ${escapeHtml(order.shipping.name)},</p><p>Thank you! Your payment went through and order <b>${order.id}</b> is confirmed.</p><table>${linesHtml(order)}<tr><td></td><td><b>Total</b></td><td style="text-align:right"><b>${total}</b></td></tr></table><p>Your invoice is attached.</p><p>— ${escapeHtml(shop.name)}</p>`,
    ),
    attachments: [
      {
        filename: `invoice-${order.id}.txt`,
        content: invoice,
        contentType: 'text/plain; charset=utf-8',
      },
    ],
  };
};

export const declinedEmail = (
  order: Order,
  shop: { name: string },
  reason: string,
): MailMessage => ({
  to: order.email,
  subject: `${shop.name}: payment for order ${order.id} was declined`,
  text: [
    `Hi ${order.shipping.name},`,
    '',
    `We could not take payment for order ${order.id}: ${reason}`,
    'The order is cancelled and you have not been charged. The items are back on sale if you want to try again with another card.',
    '',
    ...linesText(order),
    '',
    `— ${shop.name}`,
  ].join('\n'),
  html: page(
    'Payment declined',
    `<p>Hi ${escapeHtml(order.shipping.name)},</p><p>We could not take payment for order <b>${order.id}</b>: ${escapeHtml(reason)}</p><p>The order is cancelled and you have not been charged. The items are back on sale if you want to try again with another card.</p><table>${linesHtml(order)}</table><p>— ${escapeHtml(shop.name)}</p>`,
  ),
  attachments: [],
});
