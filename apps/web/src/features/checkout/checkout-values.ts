import { buyNowSchema, cartCheckoutSchema } from '@sellout/core/orders/order';

export type CheckoutValues = {
  email: string;
  name: string;
  line1: string;
  line2: string;
  city: string;
  postalCode: string;
  country: string;
  paymentToken: string;
};
export type FieldName = keyof CheckoutValues;
/** Field messages, plus `form` for what belongs to no field (a product, a quantity). */
export type FieldErrors = Partial<Record<FieldName | 'form', string>>;

/** The order fields are checked in this order, and the first bad one gets the focus. */
export const FIELD_ORDER: readonly FieldName[] = [
  'email',
  'name',
  'line1',
  'line2',
  'city',
  'postalCode',
  'country',
  'paymentToken',
];

const SHIPPING_FIELDS = new Set<string>([
  'name',
  'line1',
  'line2',
  'city',
  'postalCode',
  'country',
]);

const fieldOf = (path: readonly PropertyKey[]): FieldName | 'form' => {
  const [first, second] = path.map(String);
  if (first === 'email' || first === 'paymentToken') return first;
  if (first === 'shipping' && second && SHIPPING_FIELDS.has(second)) return second as FieldName;
  return 'form';
};

const sentence = (message: string) => message.charAt(0).toUpperCase() + message.slice(1);

/**
 * Field messages from zod issues (ours) or `details.issues` (the server's), keeping the first
 * per field. Both come from the same core schemas, so the words match.
 */
export const fieldErrorsFrom = (
  issues: readonly { path: readonly PropertyKey[] | string; message: string }[],
  values?: CheckoutValues,
): FieldErrors => {
  const errors: FieldErrors = {};
  for (const issue of issues) {
    const path = typeof issue.path === 'string' ? issue.path.split('.') : issue.path;
    const field = fieldOf(path);
    if (errors[field]) continue;
    // The core message explains a typed code; the select only needs a choice.
    errors[field] =
      field === 'country' && values?.country === '' ? 'Choose a country' : sentence(issue.message);
  }
  return errors;
};

const details = (values: CheckoutValues) => ({
  email: values.email.trim(),
  shipping: {
    name: values.name,
    line1: values.line1,
    ...(values.line2.trim() ? { line2: values.line2 } : {}),
    city: values.city,
    postalCode: values.postalCode,
    country: values.country,
  },
  paymentToken: values.paymentToken,
});

/** The body of `POST /api/orders`, checked by the same schema the API uses. */
export const validateCartCheckout = (values: CheckoutValues) => {
  const result = cartCheckoutSchema.safeParse(details(values));
  return result.success
    ? ({ ok: true, input: result.data } as const)
    : ({ ok: false, errors: fieldErrorsFrom(result.error.issues, values) } as const);
};

/** The body of `POST /api/checkout`. */
export const validateBuyNow = (
  values: CheckoutValues,
  item: { productId: string; quantity: number },
) => {
  const result = buyNowSchema.safeParse({ ...item, ...details(values) });
  return result.success
    ? ({ ok: true, input: result.data } as const)
    : ({ ok: false, errors: fieldErrorsFrom(result.error.issues, values) } as const);
};
