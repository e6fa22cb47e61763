import { describe, expect, it } from 'vitest';
import { anOrder, aShippingAddress } from '../testing/builders';
import {
  cancellationEmail,
  confirmationEmail,
  declinedEmail,
  orderEmailKey,
  stuckOrderAlert,
} from './order-emails';

const shop = { name: 'Sellout' };
const order = anOrder(
  'u_1',
  [
    { productId: 'p_1', quantity: 2, priceCents: 12999 },
    { productId: 'p_2', quantity: 1, priceCents: 450 },
  ],
  { id: 'o_01ABC', number: 'K7M2-9QX4', email: 'ana@example.com' },
);

const hostile = anOrder('u_1', [{ productId: 'p_1', quantity: 1, priceCents: 100 }], {
  id: 'o_01XSS',
  lines: [{ productId: 'p_1', name: '<script>alert("x")</script>', priceCents: 100, quantity: 1 }],
  shipping: aShippingAddress({ name: `Ana <img src=x onerror=alert(1)> O'Brien & Co` }),
});

describe('confirmationEmail', () => {
  const email = confirmationEmail(order, shop, 'INVOICE TEXT');

  it('goes to the shopper with the order number in the subject', () => {
    expect(email.to).toBe('ana@example.com');
    expect(email.subject).toBe('Sellout: order #K7M2-9QX4 confirmed');
  });

  it('lists every line and the total in plain text', () => {
    expect(email.text).toContain('Hi Ana Lima,');
    expect(email.text).toContain('order #K7M2-9QX4 is confirmed');
    expect(email.text).toContain('2 × Name of p_1 — $259.98');
    expect(email.text).toContain('1 × Name of p_2 — $4.50');
    expect(email.text).toContain('Total: $264.48');
    expect(email.text).toContain('Your invoice is attached.');
  });

  it('says the same in HTML', () => {
    expect(email.html).toMatch(/^<!doctype html>/);
    for (const part of ['Hi Ana Lima,', '#K7M2-9QX4', 'Name of p_1', '$259.98', '$264.48']) {
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
    expect(email.subject).toBe('Sellout: payment for order #K7M2-9QX4 was declined');
    expect(email.text).toContain(
      'We could not take payment for order #K7M2-9QX4: Your card was declined.',
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

describe('cancellationEmail', () => {
  it('is the declined email for a payment decline', () => {
    const declined = { ...order, status: 'CANCELLED' as const, cancelledBy: 'payment' as const };
    const { kind, message } = cancellationEmail(
      { ...declined, failureReason: 'Your card was declined.' },
      shop,
    );
    expect(kind).toBe('declined');
    expect(message.subject).toBe('Sellout: payment for order #K7M2-9QX4 was declined');
  });

  it('says the shop cancelled it, why, and that nothing was charged', () => {
    const { kind, message } = cancellationEmail(
      {
        ...order,
        status: 'CANCELLED',
        cancelledBy: 'shop',
        failureReason: 'The warehouse lost the parcel.',
      },
      shop,
    );
    expect(kind).toBe('cancelled');
    expect(message.to).toBe('ana@example.com');
    expect(message.subject).toBe('Sellout: order #K7M2-9QX4 was cancelled');
    expect(message.text).toContain('The warehouse lost the parcel.');
    expect(message.text).toContain('You have not been charged');
    expect(message.html).toContain('#K7M2-9QX4');
  });
});

describe('stuckOrderAlert', () => {
  it('tells the owner which order is stuck, why, and what to do', () => {
    const alert = stuckOrderAlert(order, shop, 'owner@shop.example', 'GatewayError: down');
    expect(alert.to).toBe('owner@shop.example');
    expect(alert.subject).toBe('Sellout: order #K7M2-9QX4 is stuck and needs a retry');
    expect(alert.text).toContain('o_01ABC');
    expect(alert.text).toContain('GatewayError: down');
    expect(alert.text).toContain('Retry it from the admin console');
    expect(alert.html).toContain('GatewayError: down');
  });

  it('escapes the error in HTML', () => {
    const alert = stuckOrderAlert(order, shop, 'owner@shop.example', '<b>boom</b>');
    expect(alert.html).toContain('&#60;b&#62;boom');
  });
});
