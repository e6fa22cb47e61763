import { z } from 'zod';

/**
 * The response shapes of DESIGN §8, checked on arrival so a contract break shows up as a clear
 * error instead of `undefined` deep inside a component. Objects are not strict: a field the
 * server adds later must not break a shop that is already open in someone's browser.
 */

const int = z.number().int();

export const productSchema = z.object({
  id: z.string(),
  sku: z.string(),
  name: z.string(),
  description: z.string(),
  category: z.string(),
  priceCents: int,
  currency: z.string(),
  stock: int,
  maxPerOrder: int.nullable(),
  imageUrl: z.string(),
  version: int,
});
export type Product = z.infer<typeof productSchema>;

export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable() });
export type Page<T> = { items: T[]; nextCursor: string | null };

export const cartItemSchema = z.object({
  productId: z.string(),
  name: z.string(),
  priceCents: int,
  quantity: int,
  lineTotalCents: int,
  stock: int,
  available: z.boolean(),
});
export type CartItem = z.infer<typeof cartItemSchema>;

export const cartSchema = z.object({
  items: z.array(cartItemSchema),
  itemCount: int,
  totalCents: int,
  currency: z.string(),
});
export type Cart = z.infer<typeof cartSchema>;

export const orderStatusSchema = z.enum(['PENDING', 'PROCESSED', 'CANCELLED']);
export type OrderStatus = z.infer<typeof orderStatusSchema>;

export const orderSchema = z.object({
  id: z.string(),
  status: orderStatusSchema,
  lines: z.array(
    z.object({
      productId: z.string(),
      name: z.string(),
      priceCents: int,
      quantity: int,
      lineTotalCents: int,
    }),
  ),
  totalCents: int,
  currency: z.string(),
  email: z.string(),
  shipping: z.object({
    name: z.string(),
    line1: z.string(),
    line2: z.string().optional(),
    city: z.string(),
    postalCode: z.string(),
    country: z.string(),
  }),
  createdAt: z.string(),
  processedAt: z.string().nullable(),
  failureReason: z.string().nullable(),
  invoiceUrl: z.string().nullable(),
});
export type Order = z.infer<typeof orderSchema>;

export const placeOrderResponseSchema = z.object({
  orderId: z.string(),
  status: z.literal('PENDING'),
  order: orderSchema,
});
export type PlaceOrderResponse = z.infer<typeof placeOrderResponseSchema>;

export const sessionSchema = z.object({ token: z.string().min(1), userId: z.string() });
export type Session = z.infer<typeof sessionSchema>;

export const errorBodySchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.record(z.string(), z.unknown()).optional(),
  }),
});

export const recommendationsSchema = z.object({
  basis: z.enum(['category', 'popular']),
  category: z.string().nullable(),
  items: z.array(productSchema),
});
export type Recommendations = z.infer<typeof recommendationsSchema>;
