import { z } from '@hono/zod-openapi';
import { shippingSchema } from '@sellout/core/orders/order';

/** Response shapes of DESIGN §8, for the OpenAPI document and typed handlers. */

export const errorSchema = z
  .object({
    error: z.object({
      code: z.string().openapi({ example: 'OUT_OF_STOCK' }),
      message: z.string(),
      details: z.record(z.string(), z.unknown()).optional(),
    }),
  })
  .openapi('Error');

export const productSchema = z
  .object({
    id: z.string().openapi({ example: 'p_01JD3X7Q8R2M4N6P8Q0R2S4T6V' }),
    sku: z.string(),
    name: z.string(),
    description: z.string(),
    category: z.string(),
    priceCents: z.number().int(),
    currency: z.string(),
    stock: z.number().int(),
    maxPerOrder: z.number().int().nullable(),
    imageUrl: z.string(),
    version: z.number().int(),
  })
  .openapi('Product');

export const cartSchema = z
  .object({
    items: z.array(
      z.object({
        productId: z.string(),
        name: z.string(),
        priceCents: z.number().int(),
        quantity: z.number().int(),
        lineTotalCents: z.number().int(),
        stock: z.number().int(),
        available: z.boolean(),
      }),
    ),
    itemCount: z.number().int(),
    totalCents: z.number().int(),
    currency: z.string(),
  })
  .openapi('Cart');

export const orderSchema = z
  .object({
    id: z.string(),
    status: z.enum(['PENDING', 'PROCESSED', 'CANCELLED']),
    lines: z.array(
      z.object({
        productId: z.string(),
        name: z.string(),
        priceCents: z.number().int(),
        quantity: z.number().int(),
        lineTotalCents: z.number().int(),
      }),
    ),
    totalCents: z.number().int(),
    currency: z.string(),
    email: z.string(),
    shipping: shippingSchema,
    createdAt: z.string(),
    processedAt: z.string().nullable(),
    failureReason: z.string().nullable(),
    invoiceUrl: z.string().nullable(),
  })
  .openapi('Order');

export const placeOrderResponseSchema = z
  .object({ orderId: z.string(), status: z.literal('PENDING'), order: orderSchema })
  .openapi('PlaceOrderResponse');

export const pageSchema = <T extends z.ZodType>(item: T, name: string) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable() }).openapi(name);

export const json = <T extends z.ZodType>(schema: T, description: string) => ({
  content: { 'application/json': { schema } },
  description,
});

export const jsonBody = <T extends z.ZodType>(schema: T) => ({
  body: { content: { 'application/json': { schema } }, required: true },
});

/** Every route documents its error answers as the default response. */
export const errorResponses = (...codes: string[]) => ({
  default: json(errorSchema, `An error: ${codes.join(', ')} (see the error table).`),
});
