import { z } from 'zod';
import { quantitySchema } from '../carts/cart';
import { productIdSchema } from '../catalog/product';
import { textField } from '../shared/text';
import { COUNTRY_CODES } from './countries';

export type OrderStatus = 'PENDING' | 'PROCESSED' | 'CANCELLED';

/** A snapshot of what was bought, at the price it was bought for. */
export type OrderLine = { productId: string; name: string; priceCents: number; quantity: number };

export type ShippingAddress = {
  name: string;
  line1: string;
  line2?: string | undefined;
  city: string;
  postalCode: string;
  country: string;
};

export type Order = {
  id: string;
  /** A short reference people can read out (`K7M2-9QX4`), unique in the shop (DESIGN §8). */
  number: string;
  userId: string;
  status: OrderStatus;
  lines: OrderLine[];
  totalCents: number;
  currency: string;
  email: string;
  shipping: ShippingAddress;
  /** What the simulated gateway charges; never shown back to clients. */
  paymentToken: string;
  /** ISO 8601 UTC. */
  createdAt: string;
  processedAt: string | null;
  failureReason: string | null;
  /** BlobStore key of the invoice once written. */
  invoiceKey: string | null;
  /** When processing was given up on (the last delivery failed); null otherwise. */
  stuckAt: string | null;
  /** Who cancelled a CANCELLED order: the payment gateway's decline, or the shop. */
  cancelledBy: CancelledBy | null;
};

export type CancelledBy = 'payment' | 'shop';

/**
 * A customer, for purchase limits (DESIGN §13): the shopper and, across guest sessions, the
 * email address, trimmed and lower-cased. Both are counted.
 */
export const customerKeysOf = (order: Pick<Order, 'userId' | 'email'>) => ({
  userId: order.userId,
  email: normaliseEmail(order.email),
});

/** An email address as customers are told apart by it: trimmed, lower-cased. */
export const normaliseEmail = (email: string) => email.trim().toLowerCase();

export const DEFAULT_PAYMENT_TOKEN = 'tok_visa';

const countryCodes: ReadonlySet<string> = new Set(COUNTRY_CODES);

export const shippingSchema = z.strictObject({
  name: textField('name', 100),
  line1: textField('address line 1', 200),
  line2: textField('address line 2', 200, { required: false }).optional(),
  city: textField('city', 100),
  postalCode: textField('postal code', 20),
  country: z
    .string({ error: 'country is required' })
    .refine((code) => countryCodes.has(code), 'country must be an ISO 3166-1 alpha-2 code like US'),
});

export const emailSchema = z
  .string({ error: 'email is required' })
  .max(254, 'email must be at most 254 characters')
  .pipe(z.email('email must be a valid address like ana@example.com'));

export const paymentTokenSchema = z
  .string()
  .regex(/^tok_[a-z0-9_]{1,60}$/, 'paymentToken looks like tok_visa');

const checkoutFields = {
  email: emailSchema,
  shipping: shippingSchema,
  paymentToken: paymentTokenSchema.optional(),
};

/** `POST /api/orders`: check out the whole cart. */
export const cartCheckoutSchema = z.strictObject(checkoutFields);
export type CartCheckoutInput = z.infer<typeof cartCheckoutSchema>;

/** `POST /api/checkout`: buy one product now, leaving the cart alone. */
export const buyNowSchema = z.strictObject({
  productId: productIdSchema,
  quantity: quantitySchema,
  ...checkoutFields,
});
export type BuyNowInput = z.infer<typeof buyNowSchema>;

/** `POST /api/admin/orders/:id/cancel`: why the shop cancels it, as the shopper will read it. */
export const adminCancelSchema = z.strictObject({
  reason: textField('reason', 300),
});

/** `K7M2-9QX4`: Crockford base 32 (no I, L, O or U), so it reads out without ambiguity. */
export const ORDER_NUMBER = /^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/;

export const orderIdSchema = z.string().regex(/^o_[A-Za-z0-9]{1,64}$/, 'not an order id');

/**
 * Units per product. Lines of one product are merged before stock is checked: checking two
 * lines separately against the same stock is how a peer oversold.
 */
export const unitsByProduct = (lines: readonly { productId: string; quantity: number }[]) => {
  const units = new Map<string, number>();
  for (const line of lines)
    units.set(line.productId, (units.get(line.productId) ?? 0) + line.quantity);
  return units;
};

export const mergeOrderLines = (lines: readonly OrderLine[]): OrderLine[] => {
  const merged = new Map<string, OrderLine>();
  for (const line of lines) {
    const seen = merged.get(line.productId);
    merged.set(
      line.productId,
      seen ? { ...seen, quantity: seen.quantity + line.quantity } : { ...line },
    );
  }
  return [...merged.values()];
};

export const orderTotalCents = (lines: readonly OrderLine[]) =>
  lines.reduce((sum, line) => sum + line.priceCents * line.quantity, 0);

/** The order as it was when first acknowledged: what an idempotent replay answers with. */
export const asPlaced = (order: Order): Order => ({
  ...order,
  status: 'PENDING',
  processedAt: null,
  failureReason: null,
  invoiceKey: null,
  stuckAt: null,
  cancelledBy: null,
});
