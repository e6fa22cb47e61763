import { describe, expect, it } from 'vitest';
import { anOrder, aShippingAddress } from '../testing/builders';
import {
  asPlaced,
  buyNowSchema,
  cartCheckoutSchema,
  emailSchema,
  mergeOrderLines,
  type OrderLine,
  orderIdSchema,
  orderTotalCents,
  shippingSchema,
  unitsByProduct,
} from './order';

const address = {
  name: 'Ana Lima',
  line1: '1 Market Street',
  city: 'Springfield',
  postalCode: '12345',
  country: 'US',
};

const messagesOf = (result: {
  success: boolean;
  error?: { issues: { path: PropertyKey[]; message: string }[] };
}) => (result.success ? [] : result.error!.issues.map((i) => `${i.path.join('.')}: ${i.message}`));

describe('shippingSchema', () => {
  it('accepts an address and trims its fields', () => {
    expect(
      shippingSchema.parse({
        name: '  Ana Lima ',
        line1: ' 1 Market Street',
        line2: ' Apt 4 ',
        city: 'Springfield  ',
        postalCode: ' 12345 ',
        country: 'US',
      }),
    ).toEqual({ ...address, line2: 'Apt 4' });
  });

  it('does without a second address line', () => {
    expect(shippingSchema.parse(address)).toEqual(address);
  });

  it('names every missing field', () => {
    expect(messagesOf(shippingSchema.safeParse({}))).toEqual([
      'name: name is required',
      'line1: address line 1 is required',
      'city: city is required',
      'postalCode: postal code is required',
      'country: country is required',
    ]);
  });

  it('treats a field of only spaces as missing', () => {
    expect(messagesOf(shippingSchema.safeParse({ ...address, city: '   ' }))).toEqual([
      'city: city is required',
    ]);
  });

  it('rejects over-long fields', () => {
    expect(messagesOf(shippingSchema.safeParse({ ...address, name: 'x'.repeat(101) }))).toEqual([
      'name: name must be at most 100 characters',
    ]);
    expect(
      messagesOf(shippingSchema.safeParse({ ...address, postalCode: '1'.repeat(21) })),
    ).toEqual(['postalCode: postal code must be at most 20 characters']);
  });

  it.each(['US', 'PT', 'GB', 'JP', 'BR'])('accepts the country %s', (country) => {
    expect(shippingSchema.safeParse({ ...address, country }).success).toBe(true);
  });

  it.each(['ZZ', 'us', 'USA', 'UK', 'EU', '', ' US'])('rejects the country %j', (country) => {
    expect(messagesOf(shippingSchema.safeParse({ ...address, country }))).toEqual([
      'country: country must be an ISO 3166-1 alpha-2 code like US',
    ]);
  });

  it('rejects unknown fields', () => {
    const result = shippingSchema.safeParse({ ...address, state: 'IL' });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.code).toBe('unrecognized_keys');
  });
});

describe('emailSchema', () => {
  it.each(['ana@example.com', 'ana.lima+shop@mail.example.co.uk'])('accepts %s', (email) => {
    expect(emailSchema.parse(email)).toBe(email);
  });

  it.each(['ana', 'ana@', '@example.com', 'ana@example', 'ana lima@example.com', ''])(
    'rejects %j saying how an address looks',
    (email) => {
      expect(messagesOf(emailSchema.safeParse(email))).toEqual([
        ': email must be a valid address like ana@example.com',
      ]);
    },
  );

  it('rejects a missing email and one over 254 characters', () => {
    expect(messagesOf(emailSchema.safeParse(undefined))).toEqual([': email is required']);
    const long = `${'a'.repeat(64)}@${'b'.repeat(185)}.com`;
    expect(long.length).toBe(254);
    expect(emailSchema.safeParse(long).success).toBe(true);
    expect(messagesOf(emailSchema.safeParse(`a${long}`))).toContain(
      ': email must be at most 254 characters',
    );
  });
});

describe('checkout schemas', () => {
  const cartCheckout = { email: 'ana@example.com', shipping: address };

  it('accepts a cart checkout with or without a payment token', () => {
    expect(cartCheckoutSchema.parse(cartCheckout)).toEqual(cartCheckout);
    expect(cartCheckoutSchema.parse({ ...cartCheckout, paymentToken: 'tok_declined' })).toEqual({
      ...cartCheckout,
      paymentToken: 'tok_declined',
    });
  });

  it('rejects a cart checkout that carries lines, prices or a total', () => {
    for (const extra of [
      { items: [{ productId: 'p_1', quantity: 1 }] },
      { totalCents: 1 },
      { productId: 'p_1' },
    ]) {
      const result = cartCheckoutSchema.safeParse({ ...cartCheckout, ...extra });
      expect(result.success).toBe(false);
      expect(result.error?.issues[0]?.code).toBe('unrecognized_keys');
    }
  });

  it('rejects a malformed payment token', () => {
    for (const paymentToken of ['visa', 'tok_', 'tok_VISA', 'tok_visa; drop', 42]) {
      expect(cartCheckoutSchema.safeParse({ ...cartCheckout, paymentToken }).success).toBe(false);
    }
  });

  it('accepts a buy-now with a product and a quantity', () => {
    const buyNow = { ...cartCheckout, productId: 'p_1', quantity: 2 };
    expect(buyNowSchema.parse(buyNow)).toEqual(buyNow);
  });

  it('rejects a buy-now without a product, with a bad quantity, or with extra fields', () => {
    const buyNow = { ...cartCheckout, productId: 'p_1', quantity: 2 };
    const { productId: _, ...withoutProduct } = buyNow;
    expect(buyNowSchema.safeParse(withoutProduct).success).toBe(false);
    for (const quantity of [0, 100, 1.5, '2']) {
      expect(messagesOf(buyNowSchema.safeParse({ ...buyNow, quantity }))).toHaveLength(1);
    }
    expect(buyNowSchema.safeParse({ ...buyNow, priceCents: 1 }).success).toBe(false);
    expect(
      buyNowSchema.safeParse({ ...buyNow, shipping: { ...address, country: 'ZZ' } }).success,
    ).toBe(false);
  });

  it('recognises order ids', () => {
    expect(orderIdSchema.safeParse('o_01JC3Z8X5Q9W7R6T4Y2M1N0B3V').success).toBe(true);
    for (const id of ['p_1', 'o_', 'o_1/../2']) {
      expect(orderIdSchema.safeParse(id).success).toBe(false);
    }
  });
});

describe('order lines', () => {
  const line = (productId: string, quantity: number, priceCents = 1000): OrderLine => ({
    productId,
    name: `Name of ${productId}`,
    priceCents,
    quantity,
  });

  it('merges lines of one product, keeping the order each product first appeared in', () => {
    const lines = [line('p_a', 1), line('p_b', 2), line('p_a', 3), line('p_c', 1), line('p_b', 1)];
    expect(mergeOrderLines(lines)).toEqual([line('p_a', 4), line('p_b', 3), line('p_c', 1)]);
  });

  it('leaves the lines it merged untouched', () => {
    const lines = [line('p_a', 1), line('p_a', 2)];
    const merged = mergeOrderLines(lines);
    merged[0]!.quantity = 50;
    expect(lines).toEqual([line('p_a', 1), line('p_a', 2)]);
  });

  it('counts units per product', () => {
    expect(
      unitsByProduct([
        { productId: 'p_a', quantity: 2 },
        { productId: 'p_b', quantity: 1 },
        { productId: 'p_a', quantity: 5 },
      ]),
    ).toEqual(
      new Map([
        ['p_a', 7],
        ['p_b', 1],
      ]),
    );
    expect(unitsByProduct([]).size).toBe(0);
  });

  it('totals unit price times quantity over every line', () => {
    expect(orderTotalCents([line('p_a', 2, 12999), line('p_b', 1, 450)])).toBe(26448);
    expect(orderTotalCents([])).toBe(0);
  });
});

describe('asPlaced', () => {
  it('answers a processed order as it was when first acknowledged', () => {
    const placed = anOrder('u_1', [{ productId: 'p_a', quantity: 2 }], {
      shipping: aShippingAddress({ line2: 'Apt 4' }),
    });
    const processed = {
      ...placed,
      status: 'PROCESSED' as const,
      processedAt: '2026-01-01T00:00:05.000Z',
      invoiceKey: `invoices/${placed.id}.txt`,
    };
    expect(asPlaced(processed)).toEqual(placed);
  });

  it('answers a cancelled order as PENDING without its failure reason', () => {
    const placed = anOrder('u_1', [{ productId: 'p_a', quantity: 1 }]);
    const cancelled = {
      ...placed,
      status: 'CANCELLED' as const,
      failureReason: 'Your card was declined.',
    };
    expect(asPlaced(cancelled)).toEqual(placed);
    expect(cancelled.status).toBe('CANCELLED');
  });
});
