import { z } from 'zod';

const ISO_UTC_INPUT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?Z$/;

/** The instant in `toISOString` form, or null for text that is not a real UTC time. */
const normalisedUtc = (text: string): string | null => {
  if (!ISO_UTC_INPUT.test(text)) return null;
  const time = Date.parse(text);
  if (Number.isNaN(time)) return null;
  const iso = new Date(time).toISOString();
  // Date.parse rolls 2026-02-30 over to March; a date that moved was not a real one.
  return iso.slice(0, 16) === text.slice(0, 16) ? iso : null;
};

/**
 * An instant as clients send it: ISO 8601 in UTC (`Z`), seconds and milliseconds optional,
 * normalised to the `toISOString` form so that every store compares it with the clock as text.
 */
export const utcTimestampSchema = (label: string) => {
  const message = `${label} is an ISO 8601 UTC time like 2026-12-12T12:00:00Z`;
  return z
    .string({ error: message })
    .max(40, message)
    .refine((text) => normalisedUtc(text) !== null, message)
    .transform((text) => normalisedUtc(text)!);
};

export const DAY_MS = 86_400_000;
