import { describe, expect, it } from 'vitest';
import { shippingSchema } from '../orders/order';
import { aShippingAddress } from '../testing/builders';
import { textField } from './text';

describe('textField', () => {
  const name = textField('name', 20);
  const description = textField('description', 200, { multiline: true });

  it.each([
    ['a NUL byte', 'Ana\u0000Lima'],
    ['a line break in a one-line field', 'Ana\nLima'],
    ['a right-to-left override', 'Ana\u202ELima'],
    ['a bidi isolate', 'Ana\u2066Lima'],
    ['a lone surrogate', 'Ana\uD800Lima'],
    ['a C1 control', 'Ana\u0085Lima'],
  ])('refuses %s, naming the field', (_, value) => {
    const result = name.safeParse(value);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe('name contains invisible control characters');
  });

  it('accepts letters of every script and emoji, trimmed', () => {
    expect(name.parse('  José 李 😀 ')).toBe('José 李 😀');
  });

  it('lets a multi-line field break lines and tab, but nothing else invisible', () => {
    expect(description.parse('Line one\nLine two\tend')).toBe('Line one\nLine two\tend');
    expect(description.safeParse('bell\u0007').success).toBe(false);
  });

  it('guards shipping addresses, which end up on invoices and emails', () => {
    expect(shippingSchema.safeParse(aShippingAddress({ city: 'Spring\u202Efield' })).success).toBe(
      false,
    );
    expect(shippingSchema.safeParse(aShippingAddress({ line2: 'Apt\u00004' })).success).toBe(false);
  });
});
