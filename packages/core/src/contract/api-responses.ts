import { z } from 'zod';
import type { ErrorCode } from '../shared/error-codes';

/*
 * The response bodies of the HTTP API (DESIGN §8) and the live messages (§7), as zod schemas:
 * the API documents them in its OpenAPI file, the storefront checks what arrives against them.
 * Objects are not strict: a field the server adds later must not break a shop already open in
 * someone's browser. `meta({ id })` (zod's own metadata) names them in the OpenAPI document.
 */

const int = z.number().int();

export const productJsonSchema = z
  .object({
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
    saleStartsAt: z.string().nullable(),
    maxPerCustomer: int.nullable(),
  })
  .meta({ id: 'Product' });

const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable() });

export const productPageJsonSchema = pageOf(productJsonSchema).meta({ id: 'ProductPage' });

/** A product as the shop's owner sees it: with the units sold in orders not cancelled. */
export const adminProductJsonSchema = productJsonSchema
  .extend({ unitsSold: int })
  .meta({ id: 'AdminProduct' });

export const adminProductPageJsonSchema = pageOf(adminProductJsonSchema).meta({
  id: 'AdminProductPage',
});

/** A priced line, as orders and carts both show it. */
const pricedLineSchema = z.object({
  productId: z.string(),
  name: z.string(),
  priceCents: int,
  quantity: int,
  lineTotalCents: int,
});

export const cartItemJsonSchema = pricedLineSchema.extend({
  stock: int,
  available: z.boolean(),
  /** Set while the product's drop has not opened: the line cannot be checked out yet. */
  saleStartsAt: z.string().nullable(),
});

export const cartJsonSchema = z
  .object({
    items: z.array(cartItemJsonSchema),
    itemCount: int,
    totalCents: int,
    currency: z.string(),
  })
  .meta({ id: 'Cart' });

export const orderStatusSchema = z.enum(['PENDING', 'PROCESSED', 'CANCELLED']);

export const orderJsonSchema = z
  .object({
    id: z.string(),
    number: z.string(),
    status: orderStatusSchema,
    lines: z.array(pricedLineSchema),
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
  })
  .meta({ id: 'Order' });

export const orderPageJsonSchema = pageOf(orderJsonSchema).meta({ id: 'OrderPage' });

export const placeOrderJsonSchema = z
  .object({
    orderId: z.string(),
    status: z.literal('PENDING'),
    order: orderJsonSchema,
  })
  .meta({ id: 'PlaceOrderResponse' });

export const sessionJsonSchema = z
  .object({ token: z.string().min(1), userId: z.string() })
  .meta({ id: 'Session' });

const errorOf = <T extends z.ZodType<string>>(code: T) =>
  z.object({
    error: z.object({
      code,
      message: z.string(),
      details: z.record(z.string(), z.unknown()).optional(),
    }),
  });

/** Any error answer. `code` stays a string here: a code a newer server adds must still parse. */
export const errorJsonSchema = errorOf(z.string()).meta({ id: 'Error' });

/** The error answers of one status of one operation, naming the codes it can carry. */
export const errorJsonSchemaOf = (codes: readonly [ErrorCode, ...ErrorCode[]]) =>
  errorOf(z.enum(codes));

export const recommendationsJsonSchema = z
  .object({
    basis: z.enum(['category', 'popular']),
    category: z.string().nullable(),
    items: z.array(productJsonSchema),
  })
  .meta({ id: 'Recommendations' });

export const healthJsonSchema = z
  .object({ status: z.literal('ok'), time: z.string() })
  .meta({ id: 'Health' });

export const eventAcceptedJsonSchema = z
  .object({ accepted: z.literal(true) })
  .meta({ id: 'EventAccepted' });

export const retryAcceptedJsonSchema = z
  .object({ orderId: z.string(), requeued: z.boolean(), status: orderStatusSchema })
  .meta({
    id: 'RetryAccepted',
    description:
      'requeued is false when the order was not dead-lettered (on its way, or final): nothing to retry.',
  });

/** Server → client messages of /api/live. */
export const liveMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('stock'), productId: z.string(), stock: int.min(0), version: int }),
  z.object({
    type: z.literal('product'),
    productId: z.string(),
    saleStartsAt: z.string().nullable(),
    version: int,
  }),
  z.object({ type: z.literal('order'), orderId: z.string(), status: orderStatusSchema }),
  z.object({ type: z.literal('pong') }),
]);
