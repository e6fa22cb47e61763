import type { Issue } from '@sellout/core/shared/error-codes';
import type { Product } from '../../api/response-types';
import type { ProductFields } from './save-product';

/** The product form as typed: every field a string, as inputs hold them. */
export type ProductValues = {
  name: string;
  sku: string;
  description: string;
  category: string;
  price: string;
  stock: string;
  maxPerOrder: string;
  maxPerCustomer: string;
  imageUrl: string;
  /** `datetime-local`, in this browser's time zone; empty for "on sale now". */
  saleStartsAt: string;
};

export type ProductField = keyof ProductValues;
export type ProductErrors = Partial<Record<ProductField | 'form', string>>;

export const FIELD_ORDER: ProductField[] = [
  'name',
  'sku',
  'description',
  'category',
  'price',
  'stock',
  'maxPerOrder',
  'maxPerCustomer',
  'imageUrl',
  'saleStartsAt',
];

const pad = (n: number) => String(n).padStart(2, '0');

/** An instant as a `datetime-local` value in this browser's time zone, to the second. */
export const toLocalInput = (iso: string | null) => {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
};

/** A `datetime-local` value (local time) as ISO 8601 UTC; null when it is not a time. */
export const fromLocalInput = (value: string) => {
  const match = /^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d)(?::(\d\d))?$/.exec(value);
  if (!match) return null;
  const [y, mo, d, h, mi, s] = match.slice(1).map((part) => Number(part ?? 0));
  const date = new Date(y!, mo! - 1, d!, h!, mi!, s!);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
};

export const valuesOf = (product: Product | null): ProductValues => ({
  name: product?.name ?? '',
  sku: product?.sku ?? '',
  description: product?.description ?? '',
  category: product?.category ?? '',
  price: product ? (product.priceCents / 100).toFixed(2) : '',
  stock: product ? String(product.stock) : '0',
  maxPerOrder: product?.maxPerOrder?.toString() ?? '',
  maxPerCustomer: product?.maxPerCustomer?.toString() ?? '',
  imageUrl: product?.imageUrl ?? '',
  saleStartsAt: toLocalInput(product?.saleStartsAt ?? null),
});

const wholeNumber = (raw: string) => (/^\d{1,10}$/.test(raw.trim()) ? Number(raw.trim()) : null);

/**
 * Turns what was typed into the API's fields. Only what the form itself must convert is checked
 * here (money, whole numbers, the drop time); the rest is the server's to judge, and its
 * messages are shown next to the fields.
 */
export const toFields = (
  values: ProductValues,
):
  | { ok: true; fields: ProductFields & { stock: number } }
  | { ok: false; errors: ProductErrors } => {
  const errors: ProductErrors = {};
  const price = /^\s*(\d{1,7})(?:[.,](\d{1,2}))?\s*$/.exec(values.price);
  if (!price) errors.price = 'Enter a price like 24.99.';
  const stock = wholeNumber(values.stock);
  if (stock === null) errors.stock = 'Enter a whole number of units, 0 or more.';
  const limit = (field: 'maxPerOrder' | 'maxPerCustomer') => {
    if (values[field].trim() === '') return null;
    const n = wholeNumber(values[field]);
    if (n === null || n < 1)
      errors[field] = 'Enter a whole number of at least 1, or leave it empty.';
    return n;
  };
  const maxPerOrder = limit('maxPerOrder');
  const maxPerCustomer = limit('maxPerCustomer');
  const saleStartsAt = values.saleStartsAt === '' ? null : fromLocalInput(values.saleStartsAt);
  if (values.saleStartsAt !== '' && saleStartsAt === null) {
    errors.saleStartsAt = 'Enter a date and time, or clear it to sell now.';
  }
  if (Object.keys(errors).length > 0 || !price || stock === null) return { ok: false, errors };
  return {
    ok: true,
    fields: {
      name: values.name,
      sku: values.sku.trim(),
      description: values.description,
      category: values.category.trim(),
      priceCents: Number(price[1]) * 100 + Number((price[2] ?? '0').padEnd(2, '0')),
      imageUrl: values.imageUrl.trim(),
      maxPerOrder,
      maxPerCustomer,
      saleStartsAt,
      stock,
    },
  };
};

/** The fields whose value differs from the product's: what an edit sends. */
export const changedFields = (product: Product, fields: ProductFields): Partial<ProductFields> => {
  const changes: Partial<ProductFields> = {};
  for (const key of Object.keys(fields) as (keyof ProductFields)[]) {
    const before = product[key];
    const after = fields[key];
    const same =
      key === 'saleStartsAt' && typeof before === 'string' && typeof after === 'string'
        ? Date.parse(before) === Date.parse(after)
        : before === after;
    if (!same) Object.assign(changes, { [key]: after });
  }
  return changes;
};

const FIELD_OF_PATH: Record<string, ProductField> = {
  name: 'name',
  sku: 'sku',
  description: 'description',
  category: 'category',
  priceCents: 'price',
  stock: 'stock',
  maxPerOrder: 'maxPerOrder',
  maxPerCustomer: 'maxPerCustomer',
  imageUrl: 'imageUrl',
  saleStartsAt: 'saleStartsAt',
};

/** The server's `details.issues`, next to the fields they are about. */
export const errorsFromIssues = (issues: readonly Issue[]): ProductErrors => {
  const errors: ProductErrors = {};
  for (const issue of issues) {
    const field = FIELD_OF_PATH[issue.path.split('.')[0] ?? ''] ?? 'form';
    const message = issue.message.charAt(0).toUpperCase() + issue.message.slice(1);
    errors[field] = errors[field] ? `${errors[field]} ${message}` : message;
  }
  return errors;
};
