import type { CartItem } from '../../api/response-types';

/** Lines whose product has no stock at all: checkout would refuse the whole order for them. */
export const soldOutLines = (items: CartItem[]) => items.filter((item) => item.stock <= 0);

const listed = (names: string[]) =>
  names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;

/** "Brass Lamp is sold out — remove it to continue." */
export const soldOutMessage = (lines: CartItem[]) =>
  lines.length === 1
    ? `${listed(lines.map((l) => l.name))} is sold out — remove it to continue.`
    : `${listed(lines.map((l) => l.name))} are sold out — remove them to continue.`;
