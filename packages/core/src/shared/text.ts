import { z } from 'zod';

// Control characters, lone surrogates and bidirectional overrides are invisible on a page and
// can disguise text on invoices and emails; none belongs in a name or an address.
const SINGLE_LINE_FORBIDDEN = /[\p{Cc}\p{Cs}\u202A-\u202E\u2066-\u2069]/u;
// Descriptions may break lines (and tab), but nothing else invisible.
const MULTILINE_FORBIDDEN = /(?![\n\t])\p{Cc}|[\p{Cs}\u202A-\u202E\u2066-\u2069]/u;

/** A trimmed, printable text field with a limit, and messages naming the field. */
export const textField = (
  label: string,
  max: number,
  options: { required?: boolean; multiline?: boolean } = {},
) => {
  const forbidden = options.multiline ? MULTILINE_FORBIDDEN : SINGLE_LINE_FORBIDDEN;
  return z
    .string({ error: `${label} is required` })
    .trim()
    .min(options.required === false ? 0 : 1, `${label} is required`)
    .max(max, `${label} must be at most ${max} characters`)
    .refine((text) => !forbidden.test(text), `${label} contains invisible control characters`);
};
