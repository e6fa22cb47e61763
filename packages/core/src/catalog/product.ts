import { z } from 'zod';
import { textField } from '../shared/text';
import { utcTimestampSchema } from '../shared/time';

export type Product = {
  id: string;
  sku: string;
  name: string;
  description: string;
  /** The seeds' "productType"; recommendations group by it. */
  category: string;
  priceCents: number;
  /** ISO 4217; one currency per shop. */
  currency: string;
  /** Units available to sell. Never negative: checkout decrements it conditionally. */
  stock: number;
  /** Purchase limit per order for sale items; null when unlimited. */
  maxPerOrder: number | null;
  imageUrl: string;
  /** +1 on every change of the product, stock included; live clients drop older versions. */
  version: number;
  /** When a scheduled drop opens (ISO 8601 UTC); null when on sale now (DESIGN §12). */
  saleStartsAt: string | null;
  /** Units one customer may hold across their PENDING and PROCESSED orders (DESIGN §13). */
  maxPerCustomer: number | null;
};

/** A product as its owner sees it: with the units sold in orders that were not cancelled. */
export type ProductWithSales = Product & { unitsSold: number };

/** The stock of one product at one version, as live updates carry it. */
export type StockLevel = { productId: string; stock: number; version: number };

export const MAX_PRICE_CENTS = 100_000_000;
export const MAX_STOCK = 1_000_000_000;
export const MAX_RESTOCK = 1_000_000;
export const MAX_PER_CUSTOMER = 10_000;

export const isSoldOut = (product: Pick<Product, 'stock'>) => product.stock <= 0;

/** Whether checkout may take the product at `at` (both ISO 8601 UTC, so they compare as text). */
export const isOnSale = (product: Pick<Product, 'saleStartsAt'>, at: string) =>
  product.saleStartsAt === null || product.saleStartsAt <= at;

export const stockLevelOf = (product: Product): StockLevel => ({
  productId: product.id,
  stock: product.stock,
  version: product.version,
});

export const productIdSchema = z
  .string()
  .regex(/^p_[A-Za-z0-9]{1,64}$/, 'not a product id (they look like p_01J…)');

/** An absolute https: URL, or a path the shop serves itself. */
const imageUrlSchema = z
  .string()
  .max(2048)
  .refine((url) => {
    if (/^\/(?!\/)[^\s\\]*$/.test(url)) return true;
    try {
      return new URL(url).protocol === 'https:';
    } catch {
      return false;
    }
  }, 'imageUrl must be an https: URL or a path starting with /');

const productFields = {
  sku: z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'sku is letters, digits, ".", "_" or "-" (≤ 64)'),
  name: textField('name', 200),
  description: textField('description', 4000, { multiline: true }),
  category: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{0,47}$/, 'category is a lowercase slug like "audio" (≤ 48)'),
  priceCents: z
    .number()
    .int('priceCents is an integer number of cents')
    .min(0)
    .max(MAX_PRICE_CENTS),
  currency: z.string().regex(/^[A-Z]{3}$/, 'currency is an ISO 4217 code like USD'),
  maxPerOrder: z.number().int().min(1).max(99).nullable(),
  imageUrl: imageUrlSchema,
  saleStartsAt: utcTimestampSchema('saleStartsAt').nullable(),
  maxPerCustomer: z
    .number()
    .int('maxPerCustomer is a whole number')
    .min(1, 'maxPerCustomer is at least 1 (null for no limit)')
    .max(MAX_PER_CUSTOMER)
    .nullable(),
};

/** Admin input to create a product. Stock starts here; later changes go through restock. */
export const newProductSchema = z.strictObject({
  ...productFields,
  currency: productFields.currency.optional(),
  maxPerOrder: productFields.maxPerOrder.optional(),
  saleStartsAt: productFields.saleStartsAt.optional(),
  maxPerCustomer: productFields.maxPerCustomer.optional(),
  stock: z.number().int('stock is a whole number').min(0).max(MAX_STOCK),
});
export type NewProduct = z.infer<typeof newProductSchema>;

/**
 * Admin input to change a product. `stock` is not here: setting an absolute stock would race
 * with checkouts and break "initial + restocks = stock + sold", so it goes through restock.
 */
export const productPatchSchema = z
  .strictObject({ ...productFields })
  .partial()
  .refine((patch) => Object.keys(patch).length > 0, 'send at least one field to change');
export type ProductPatch = z.infer<typeof productPatchSchema>;

export const restockSchema = z.strictObject({
  quantity: z.number().int('quantity is a whole number').min(1).max(MAX_RESTOCK),
});
