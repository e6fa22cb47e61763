import { ORDER_NUMBER } from '@sellout/core/orders/order';
import type { OrderFilter } from './admin-orders-api';

/** What the owner typed in the search box: an order number, an email, or a problem. */
export const parseOrderSearch = (
  raw: string,
): { ok: true; search: OrderFilter['search'] } | { ok: false; problem: string } => {
  const text = raw.trim();
  if (text === '') return { ok: true, search: null };
  if (text.includes('@')) {
    return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(text)
      ? { ok: true, search: { email: text } }
      : { ok: false, problem: 'That email address looks incomplete, like ana@example.' };
  }
  const number = text.replace(/^#/, '').toUpperCase();
  if (ORDER_NUMBER.test(number)) return { ok: true, search: { number } };
  return {
    ok: false,
    problem: 'Enter an order number like K7M2-9QX4, or the customer’s email address.',
  };
};
