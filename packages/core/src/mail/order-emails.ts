import type { Order } from '../orders/order';
import { formatMoney } from '../shared/money';
import type { MailMessage } from './mailer-port';

/**
 * `confirmation` (processed), `declined` (cancelled for the payment), `cancelled` (by the shop)
 * go to the shopper, at most one per order; `stuck-alert` goes to the shop owner.
 */
export type OrderEmailKind = 'confirmation' | 'declined' | 'cancelled' | 'stuck-alert';

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
    subject: `${shop.name}: order #${order.number} confirmed`,
    text: [
      `Hi ${order.shipping.name},`,
      '',
      `Thank you! Your payment went through and order #${order.number} is confirmed.`,
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
      `<p>Hi ${escapeHtml(order.shipping.name)},</p><p>Thank you! Your payment went through and order <b>#${order.number}</b> is confirmed.</p><table>${linesHtml(order)}<tr><td></td><td><b>Total</b></td><td style="text-align:right"><b>${total}</b></td></tr></table><p>Your invoice is attached.</p><p>— ${escapeHtml(shop.name)}</p>`,
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

/** The shopper's email for a cancelled order: why depends on who cancelled it. */
export const cancellationEmail = (order: Order, shop: { name: string }) =>
  order.cancelledBy === 'shop'
    ? {
        kind: 'cancelled' as const,
        message: cancelledByShopEmail(order, shop, order.failureReason ?? 'Cancelled by the shop.'),
      }
    : {
        kind: 'declined' as const,
        message: declinedEmail(order, shop, order.failureReason ?? 'The payment was declined.'),
      };

/**
 * An email to the shopper about an order that will not ship: what happened (`said`, given the
 * order's reference and the reason, already escaped for HTML where it goes there), what it means
 * for them, then its lines.
 */
const endedOrderEmail = (
  order: Order,
  shop: { name: string },
  words: {
    subject: string;
    title: string;
    said: (orderRef: string, reason: string) => string;
    after: string;
  },
  reason: string,
): MailMessage => ({
  to: order.email,
  subject: `${shop.name}: ${words.subject}`,
  text: [
    `Hi ${order.shipping.name},`,
    '',
    words.said(`#${order.number}`, reason),
    words.after,
    '',
    ...linesText(order),
    '',
    `— ${shop.name}`,
  ].join('\n'),
  html: page(
    words.title,
    `<p>Hi ${escapeHtml(order.shipping.name)},</p><p>${words.said(`<b>#${order.number}</b>`, escapeHtml(reason))}</p><p>${words.after}</p><table>${linesHtml(order)}</table><p>— ${escapeHtml(shop.name)}</p>`,
  ),
  attachments: [],
});

export const cancelledByShopEmail = (
  order: Order,
  shop: { name: string },
  reason: string,
): MailMessage =>
  endedOrderEmail(
    order,
    shop,
    {
      subject: `order #${order.number} was cancelled`,
      title: 'Order cancelled',
      said: (ref, why) => `We are sorry: we had to cancel order ${ref}. ${why}`,
      after: 'You have not been charged for it.',
    },
    reason,
  );

/** Tells the shop owner that an order is stuck and waits for a retry from the console. */
export const stuckOrderAlert = (
  order: Order,
  shop: { name: string },
  ownerEmail: string,
  error: string,
): MailMessage => ({
  to: ownerEmail,
  subject: `${shop.name}: order #${order.number} is stuck and needs a retry`,
  text: [
    `Order #${order.number} (${order.id}) could not be processed and is waiting for you.`,
    `Last error: ${error}`,
    `Shopper: ${order.email}, total ${formatMoney(order.totalCents, order.currency)}.`,
    '',
    'Retry it from the admin console (Orders) once the cause is fixed, or cancel it there to release its stock.',
  ].join('\n'),
  html: page(
    'An order is stuck',
    `<p>Order <b>#${order.number}</b> (${order.id}) could not be processed and is waiting for you.</p><p>Last error: ${escapeHtml(error)}</p><p>Shopper: ${escapeHtml(order.email)}, total ${formatMoney(order.totalCents, order.currency)}.</p><p>Retry it from the admin console (Orders) once the cause is fixed, or cancel it there to release its stock.</p>`,
  ),
  attachments: [],
});

export const declinedEmail = (order: Order, shop: { name: string }, reason: string): MailMessage =>
  endedOrderEmail(
    order,
    shop,
    {
      subject: `payment for order #${order.number} was declined`,
      title: 'Payment declined',
      said: (ref, why) => `We could not take payment for order ${ref}: ${why}`,
      after:
        'The order is cancelled and you have not been charged. The items are back on sale if you want to try again with another card.',
    },
    reason,
  );
