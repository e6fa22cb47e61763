import type { Product } from '../catalog/product';
import type { Order, ShippingAddress } from '../orders/order';
import { orderTotalCents } from '../orders/order';

let counter = 0;
const unique = () => String(++counter).padStart(6, '0');

/** A product with sensible defaults; override what the test is about. */
export const aProduct = (overrides: Partial<Product> = {}): Product => {
  const n = unique();
  return {
    id: `p_T${n}`,
    sku: `SKU-${n}`,
    name: `Test product ${n}`,
    description: 'A product made for tests.',
    category: 'test',
    priceCents: 1000,
    currency: 'USD',
    stock: 10,
    maxPerOrder: null,
    imageUrl: '/images/products/test.svg',
    version: 1,
    saleStartsAt: null,
    maxPerCustomer: null,
    ...overrides,
  };
};

export const aShippingAddress = (overrides: Partial<ShippingAddress> = {}): ShippingAddress => ({
  name: 'Ana Lima',
  line1: '1 Market Street',
  city: 'Springfield',
  postalCode: '12345',
  country: 'US',
  ...overrides,
});

/** A new PENDING order for `lines` (product, quantity), priced at 1000 cents a unit. */
export const anOrder = (
  userId: string,
  lines: { productId: string; quantity: number; priceCents?: number }[],
  overrides: Partial<Order> = {},
): Order => {
  const orderLines = lines.map((l) => ({
    productId: l.productId,
    name: `Name of ${l.productId}`,
    priceCents: l.priceCents ?? 1000,
    quantity: l.quantity,
  }));
  const n = unique();
  return {
    id: `o_T${n}`,
    number: `T${n.slice(0, 3)}-${n.slice(2)}`,
    userId,
    status: 'PENDING',
    lines: orderLines,
    totalCents: orderTotalCents(orderLines),
    currency: 'USD',
    email: 'ana@example.com',
    shipping: aShippingAddress(),
    paymentToken: 'tok_visa',
    createdAt: '2026-01-01T00:00:00.000Z',
    processedAt: null,
    failureReason: null,
    invoiceKey: null,
    stuckAt: null,
    cancelledBy: null,
    ...overrides,
  };
};
