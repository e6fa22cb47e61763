import {
  type CancelledBy,
  customerKeysOf,
  type Order,
  type OrderLine,
  type OrderStatus,
  type ShippingAddress,
} from '@sellout/core/orders/order';
import { type Item, numberAt, textAt } from './item';
import { ORDER_STATUS_SHARDS } from './table-definitions';

/*
 * How an order lives in the orders table: one item, `pk` = order id, its fields as native
 * attributes. Nullable fields are absent when null, so filters can test attribute_exists.
 * `statusShard` (`<status>#<n>`) keys the by-status index, `emailKey` (the normalised email) the
 * by-email one; `counted` remembers which units were
 * added to the customer's holdings, so a cancel takes back exactly those.
 */

export const orderKey = (orderId: string): Item => ({ pk: { S: orderId } });

/** FNV-1a of the id: a stable, even spread of orders over the index shards. */
export const statusShardOf = (orderId: string) => {
  let hash = 0x811c9dc5;
  for (let i = 0; i < orderId.length; i++) {
    hash ^= orderId.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) % ORDER_STATUS_SHARDS;
};

export const statusShard = (status: OrderStatus, shard: number) => `${status}#${shard}`;

const optionalText = (name: string, value: string | null | undefined): Item =>
  value === null || value === undefined ? {} : { [name]: { S: value } };

const lineValue = (line: OrderLine) => ({
  M: {
    productId: { S: line.productId },
    name: { S: line.name },
    priceCents: { N: String(line.priceCents) },
    quantity: { N: String(line.quantity) },
  },
});

const shippingValue = (shipping: ShippingAddress) => ({
  M: {
    name: { S: shipping.name },
    line1: { S: shipping.line1 },
    ...optionalText('line2', shipping.line2),
    city: { S: shipping.city },
    postalCode: { S: shipping.postalCode },
    country: { S: shipping.country },
  },
});

export const toOrderItem = (order: Order, counted: ReadonlyMap<string, number>): Item => ({
  ...orderKey(order.id),
  number: { S: order.number },
  userId: { S: order.userId },
  status: { S: order.status },
  statusShard: { S: statusShard(order.status, statusShardOf(order.id)) },
  lines: { L: order.lines.map(lineValue) },
  totalCents: { N: String(order.totalCents) },
  currency: { S: order.currency },
  email: { S: order.email },
  emailKey: { S: customerKeysOf(order).email },
  shipping: shippingValue(order.shipping),
  paymentToken: { S: order.paymentToken },
  createdAt: { S: order.createdAt },
  ...optionalText('processedAt', order.processedAt),
  ...optionalText('failureReason', order.failureReason),
  ...optionalText('invoiceKey', order.invoiceKey),
  ...optionalText('stuckAt', order.stuckAt),
  ...optionalText('cancelledBy', order.cancelledBy),
  ...(counted.size > 0 && {
    counted: {
      M: Object.fromEntries([...counted].map(([id, units]) => [id, { N: String(units) }])),
    },
  }),
});

const toShipping = (item: Item): ShippingAddress => {
  const line2 = textAt(item, 'line2');
  return {
    name: textAt(item, 'name')!,
    line1: textAt(item, 'line1')!,
    ...(line2 !== null && { line2 }),
    city: textAt(item, 'city')!,
    postalCode: textAt(item, 'postalCode')!,
    country: textAt(item, 'country')!,
  };
};

export const toOrder = (item: Item): Order => ({
  id: textAt(item, 'pk')!,
  number: textAt(item, 'number')!,
  userId: textAt(item, 'userId')!,
  status: textAt(item, 'status') as OrderStatus,
  lines: (item.lines?.L ?? []).map((line) => ({
    productId: textAt(line.M, 'productId')!,
    name: textAt(line.M, 'name')!,
    priceCents: numberAt(line.M, 'priceCents'),
    quantity: numberAt(line.M, 'quantity'),
  })),
  totalCents: numberAt(item, 'totalCents'),
  currency: textAt(item, 'currency')!,
  email: textAt(item, 'email')!,
  shipping: toShipping(item.shipping?.M ?? {}),
  paymentToken: textAt(item, 'paymentToken')!,
  createdAt: textAt(item, 'createdAt')!,
  processedAt: textAt(item, 'processedAt'),
  failureReason: textAt(item, 'failureReason'),
  invoiceKey: textAt(item, 'invoiceKey'),
  stuckAt: textAt(item, 'stuckAt'),
  cancelledBy: textAt(item, 'cancelledBy') as CancelledBy | null,
});

/** The units of each product that placing the order added to the customer's holdings. */
export const countedUnitsOf = (item: Item): Map<string, number> =>
  new Map(Object.entries(item.counted?.M ?? {}).map(([id, value]) => [id, Number(value.N)]));
