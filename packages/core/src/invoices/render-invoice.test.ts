import { describe, expect, it } from 'vitest';
import { anOrder, aShippingAddress } from '../testing/builders';
import { renderInvoice } from './render-invoice';

describe('renderInvoice', () => {
  const order = anOrder(
    'u_1',
    [
      { productId: 'p_1', quantity: 2, priceCents: 12999 },
      { productId: 'p_2', quantity: 1, priceCents: 450 },
    ],
    {
      id: 'o_01ABC',
      email: 'ana@example.com',
      createdAt: '2026-03-04T05:06:07.000Z',
      shipping: aShippingAddress({ line2: 'Apt 4', country: 'PT' }),
    },
  );
  const text = renderInvoice(order, { name: 'Sellout' }, '2026-03-04T05:09:00.000Z');

  it('names the shop, the order and both dates', () => {
    expect(text).toMatch(/^SELLOUT — INVOICE/);
    expect(text).toContain('o_01ABC');
    expect(text).toContain('2026-03-04 05:06 UTC');
    expect(text).toContain('2026-03-04 05:09 UTC');
  });

  it('lists every line with quantity, unit price and line total as money, then the total', () => {
    expect(text).toMatch(/Name of p_1\s+2\s+\$129\.99\s+\$259\.98/);
    expect(text).toMatch(/Name of p_2\s+1\s+\$4\.50\s+\$4\.50/);
    expect(text).toMatch(/Total\s+\$264\.48/);
  });

  it('carries the shipping address and the email', () => {
    for (const part of [
      'Ana Lima',
      '1 Market Street',
      'Apt 4',
      '12345 Springfield',
      'PT',
      'ana@example.com',
    ]) {
      expect(text).toContain(part);
    }
  });
});
