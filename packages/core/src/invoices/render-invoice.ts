import type { Order } from '../orders/order';
import { formatMoney } from '../shared/money';

export const invoiceKeyOf = (orderId: string) => `invoices/${orderId}.txt`;

const WIDTH = 68;
const NAME_WIDTH = 34;

/** "2026-11-22 04:51 UTC": unambiguous for every reader, whatever their locale. */
const utc = (iso: string) => `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;

const fitTo = (text: string, width: number) =>
  text.length <= width ? text.padEnd(width) : `${text.slice(0, width - 1)}…`;

const row = (name: string, qty: string, unit: string, total: string) =>
  `${fitTo(name, NAME_WIDTH)}${qty.padStart(5)}${unit.padStart(14)}${total.padStart(15)}`;

/** The invoice as plain text: what the shopper is sent and can download. */
export const renderInvoice = (order: Order, shop: { name: string }, processedAt: string) => {
  const money = (cents: number) => formatMoney(cents, order.currency);
  const { shipping } = order;
  const rule = '-'.repeat(WIDTH);
  return [
    `${shop.name.toUpperCase()} — INVOICE`,
    '='.repeat(WIDTH),
    `Order            #${order.number}`,
    `Order id         ${order.id}`,
    `Order date       ${utc(order.createdAt)}`,
    `Processed        ${utc(processedAt)}`,
    `Email            ${order.email}`,
    '',
    'Ship to',
    `  ${shipping.name}`,
    `  ${shipping.line1}`,
    ...(shipping.line2 ? [`  ${shipping.line2}`] : []),
    `  ${shipping.postalCode} ${shipping.city}`,
    `  ${shipping.country}`,
    '',
    row('Item', 'Qty', 'Unit price', 'Line total'),
    rule,
    ...order.lines.map((line) =>
      row(
        line.name,
        String(line.quantity),
        money(line.priceCents),
        money(line.priceCents * line.quantity),
      ),
    ),
    rule,
    `${'Total'.padEnd(WIDTH - 15)}${money(order.totalCents).padStart(15)}`,
    '',
    `Paid by card. Thank you for shopping at ${shop.name}.`,
    '',
  ].join('\n');
};
