import { describe, expect, it } from 'vitest';
import { anOrder, aShippingAddress } from '../testing/builders';
import { confirmationEmail, declinedEmail, orderEmailKey } from './order-emails';

const shop = { name: 'Sellout' };
const order = anOrder(
  'u_1',
  [
    { productId: 'p_1', quantity: 2, priceCents: 12999 },
    { productId: 'p_2', quantity: 1, priceCents: 450 },
  ],
  { id: 'o_01ABC', email: 'ana@example.com' },
);

const hostile = anOrder('u_1', [{ productId: 'p_1', quantity: 1, priceCents: 100 }], {
  id: 'o_01XSS',
  lines: [{ productId: 'p_1', name: '<script>alert("x")</script>', priceCents: 100, quantity: 1 }],
  shipping: aShippingAddress({ name: `Ana <img src=x onerror=alert(1)> O'Brien & Co` }),
});

describe('confirmationEmail', () => {
  const email = confirmationEmail(order, shop, 'INVOICE TEXT');

  it('goes to the shopper with the order id in the subject', () => {
    expect(email.to).toBe('ana@example.com');
    expect(email.subject).toBe('Sellout: order o_01ABC confirmed');
  });

  it('lists every line and the total in plain text', () => {
    expect(email.text).toContain('Hi Ana Lima,');
    expect(email.text).toContain('order o_01ABC is confirmed');
    expect(email.text).toContain('2 × Name of p_1 — $259.98');
    expect(email.text).toContain('1 × Name of p_2 — $4.50');
    expect(email.text).toContain('Total: $264.48');
    expect(email.text).toContain('Your invoice is attached.');
  });

  it('says the same in HTML', () => {
    expect(email.html).toMatch(/^<!doctype html>/);
    for (const part of ['Hi Ana Lima,', 'o_01ABC', 'Name of p_1', '$259.98', '$264.48']) {
      expect(email.html).toContain(part);
    }
  });

  it('attaches the invoice as a text file named after the order', () => {
    expect(email.attachments).toEqual([
      {
        filename: 'invoice-o_01ABC.txt',
        content: 'INVOICE TEXT',
        contentType: 'text/plain; charset=utf-8',
      },
    ]);
  });

  it('escapes product, shopper and shop names in HTML, and keeps them as written in text', () => {
    const xss = confirmationEmail(hostile, { name: 'Shop <b>' }, 'INVOICE');
    expect(xss.html).not.toContain('<script>');
    expect(xss.html).not.toContain('<img');
    expect(xss.html).toContain('— Shop &#60;b&#62;');
    expect(xss.html).toContain('&#60;script&#62;alert(&#34;x&#34;)&#60;/script&#62;');
    expect(xss.html).toContain('O&#39;Brien &#38; Co');
    expect(xss.text).toContain('1 × <script>alert("x")</script>');
    expect(xss.text).toContain("Hi Ana <img src=x onerror=alert(1)> O'Brien & Co,");
  });
});

describe('declinedEmail', () => {
  const email = declinedEmail(order, shop, 'Your card was declined.');

  it('tells the shopper why, that nothing was charged, and attaches nothing', () => {
    expect(email.to).toBe('ana@example.com');
    expect(email.subject).toBe('Sellout: payment for order o_01ABC was declined');
    expect(email.text).toContain(
      'We could not take payment for order o_01ABC: Your card was declined.',
    );
    expect(email.text).toContain('you have not been charged');
    expect(email.text).toContain('2 × Name of p_1 — $259.98');
    expect(email.html).toContain('Your card was declined.');
    expect(email.attachments).toEqual([]);
  });

  it('escapes the reason and names in HTML', () => {
    const xss = declinedEmail(hostile, shop, 'Declined <because>');
    expect(xss.html).toContain('Declined &#60;because&#62;');
    expect(xss.html).not.toContain('<script>');
    expect(xss.html).not.toContain('<img');
  });
});

describe('orderEmailKey', () => {
  it('gives one key per order and kind', () => {
    expect(orderEmailKey('o_1', 'confirmation')).toBe('o_1.confirmation');
    expect(orderEmailKey('o_1', 'declined')).toBe('o_1.declined');
    expect(orderEmailKey('o_1', 'confirmation')).not.toBe(orderEmailKey('o_2', 'confirmation'));
  });
});
