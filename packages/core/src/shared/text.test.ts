import { describe, expect, it } from 'vitest';
import { newProductSchema } from '../catalog/product';
import { shippingSchema } from '../orders/order';
import { aShippingAddress } from '../testing/builders';
import { textField } from './text';

const messageOf = (schema: ReturnType<typeof textField>, value: string) => {
  const result = schema.safeParse(value);
  return result.success ? null : result.error.issues[0]?.message;
};

describe('textField', () => {
  const name = textField('name', 20);
  const description = textField('description', 200, { multiline: true });

  it.each([
    // Controls (Cc)
    ['a NUL byte', 'Ana\u0000Lima', 'an invisible character (U+0000)'],
    ['a C1 control', 'Ana\u0080Lima', 'an invisible character (U+0080)'],
    ['a tab', 'Ana\tLima', 'a tab (U+0009)'],
    ['a new line', 'Ana\nLima', 'a line break (U+000A)'],
    ['a carriage return', 'Ana\rLima', 'a line break (U+000D)'],
    ['a next-line control', 'Ana\u0085Lima', 'a line break (U+0085)'],
    // Line and paragraph separators (Zl, Zp)
    ['a line separator', 'Ana\u2028Lima', 'a line break (U+2028)'],
    ['a paragraph separator', 'Ana\u2029Lima', 'a line break (U+2029)'],
    // Format characters (Cf)
    ['a zero-width space', 'Ana\u200BLima', 'an invisible character (U+200B)'],
    [
      'a zero-width joiner between Latin letters',
      'Ana\u200DLima',
      'an invisible character (U+200D)',
    ],
    [
      'a zero-width non-joiner between Latin letters',
      'Ana\u200CLima',
      'an invisible character (U+200C)',
    ],
    ['a soft hyphen', 'Ana\u00ADLima', 'an invisible character (U+00AD)'],
    ['a left-to-right mark', 'Ana\u200ELima', 'an invisible character (U+200E)'],
    ['a right-to-left mark', 'Ana\u200FLima', 'an invisible character (U+200F)'],
    ['a right-to-left override', 'Ana\u202ELima', 'an invisible character (U+202E)'],
    ['a bidi isolate', 'Ana\u2066Lima', 'an invisible character (U+2066)'],
    ['an Arabic letter mark', 'Ana\u061CLima', 'an invisible character (U+061C)'],
    ['a word joiner', 'Ana\u2060Lima', 'an invisible character (U+2060)'],
    ['a byte-order mark inside', 'Ana\uFEFFLima', 'an invisible character (U+FEFF)'],
    ['a tag character', 'Ana\u{E0041}Lima', 'an invisible character (U+E0041)'],
    ['a joiner opening the text', '\u200DAna', 'an invisible character (U+200D)'],
    // Lone surrogates (Cs)
    ['a lone surrogate', 'Ana\uD800Lima', 'a broken character (U+D800)'],
  ])('refuses %s, naming the field and the character', (_, value, problem) => {
    expect(messageOf(name, value)).toBe(`name contains ${problem}`);
  });

  it('accepts letters of every script and emoji, trimmed', () => {
    expect(name.parse('  José 李 😀 ')).toBe('José 李 😀');
  });

  it('accepts the joiners where they are spelling: Persian, Indic, emoji sequences', () => {
    for (const text of [
      'می\u200Cخواهم', // Persian: the non-joiner keeps two letters apart
      'مَ\u200Cی', // after a vowel sign that belongs to several scripts
      'क्\u200Dष', // Devanagari: the joiner after a virama picks a half form
      '👩\u200D💻', // an emoji ZWJ sequence
      '👩🏽\u200D🚀', // with a skin tone
      '❤\uFE0F\u200D🔥', // after a variation selector
    ]) {
      expect(name.parse(text)).toBe(text);
    }
  });

  it('lets a multi-line field break lines with a new line and tab, but nothing else', () => {
    expect(description.parse('Line one\nLine two\tend')).toBe('Line one\nLine two\tend');
    expect(messageOf(description, 'bell\u0007')).toBe(
      'description contains an invisible character (U+0007)',
    );
    expect(messageOf(description, 'Line one\u2028Line two')).toBe(
      'description contains a line break other than a plain new line (U+2028)',
    );
    expect(messageOf(description, 'Line one\u2029Line two')).toBe(
      'description contains a line break other than a plain new line (U+2029)',
    );
    expect(messageOf(description, 'soft\u00ADhyphen')).toBe(
      'description contains an invisible character (U+00AD)',
    );
  });

  it('guards shipping addresses, which end up on invoices and emails', () => {
    const issueOf = (overrides: Record<string, string>) =>
      shippingSchema.safeParse(aShippingAddress(overrides)).error?.issues[0];
    expect(issueOf({ city: 'Spring\u202Efield' })?.message).toBe(
      'city contains an invisible character (U+202E)',
    );
    expect(issueOf({ line2: 'Apt\u00004' })?.path).toEqual(['line2']);
    // The forged invoice line of issue 10: a line separator, then a fake total.
    expect(issueOf({ name: 'Ana Lima\u2028Total paid $0.00' })?.message).toBe(
      'name contains a line break (U+2028)',
    );
    expect(issueOf({ line1: '1 Market\u200B St' })?.message).toBe(
      'address line 1 contains an invisible character (U+200B)',
    );
    expect(issueOf({ postalCode: '12\u2060345' })?.path).toEqual(['postalCode']);
  });

  it('guards product names and descriptions too', () => {
    const product = {
      sku: 'S-1',
      name: 'Lamp',
      description: 'A lamp.\nWarm light.',
      category: 'home',
      priceCents: 1000,
      currency: 'USD',
      maxPerOrder: null,
      imageUrl: '/images/lamp.svg',
      stock: 1,
    };
    expect(newProductSchema.safeParse(product).success).toBe(true);
    const refused = newProductSchema.safeParse({ ...product, name: 'La\u00ADmp' });
    expect(refused.error?.issues[0]?.message).toBe('name contains an invisible character (U+00AD)');
    const forged = newProductSchema.safeParse({ ...product, description: 'A\u2029B' });
    expect(forged.error?.issues[0]?.path).toEqual(['description']);
  });
});
