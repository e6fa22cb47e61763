import { z } from 'zod';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

/** A page as ports return it: `next` is the sort key of the last item when more may follow. */
export type Page<T> = { items: T[]; next: string | null };

/** A page as clients see it: the key is wrapped in an opaque cursor. */
export type CursorPage<T> = { items: T[]; nextCursor: string | null };

/** What a list port takes: resume strictly after `after` (a sort key), at most `limit` items. */
export type PageRequest = { after: string | null; limit: number };

const CURSOR_PREFIX = 'c1.';
const SORT_KEY = /^[A-Za-z0-9_-]{1,128}$/;

const toBase64Url = (text: string) =>
  btoa(text).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');

/** Cursors are opaque to clients so the sort key can change without breaking them. */
export const encodeCursor = (key: string): string => toBase64Url(CURSOR_PREFIX + key);

export const decodeCursor = (cursor: string): string | null => {
  if (!/^[A-Za-z0-9_-]{1,400}$/.test(cursor)) return null;
  let text: string;
  try {
    text = atob(cursor.replaceAll('-', '+').replaceAll('_', '/'));
  } catch {
    return null;
  }
  if (!text.startsWith(CURSOR_PREFIX)) return null;
  const key = text.slice(CURSOR_PREFIX.length);
  return SORT_KEY.test(key) ? key : null;
};

export const toCursorPage = <T>(page: Page<T>): CursorPage<T> => ({
  items: page.items,
  nextCursor: page.next === null ? null : encodeCursor(page.next),
});

/**
 * `?limit=` as a query string: digits only (no `1e1`, `0x10` or spaces), absent or empty means
 * the default, and the range is stated in the message.
 */
export const limitParam = (fallback: number, max: number) =>
  z
    .string()
    .optional()
    .transform((raw, ctx) => {
      if (raw === undefined || raw === '') return fallback;
      const limit = /^\d{1,6}$/.test(raw) ? Number(raw) : Number.NaN;
      if (Number.isInteger(limit) && limit >= 1 && limit <= max) return limit;
      ctx.addIssue({ code: 'custom', message: `limit must be a whole number from 1 to ${max}` });
      return z.NEVER;
    });

/** `?limit=&cursor=` as every list endpoint accepts them; the cursor decodes to a sort key. */
export const pageQuerySchema = z.object({
  limit: limitParam(DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE),
  cursor: z
    .string()
    .optional()
    .transform((cursor, ctx) => {
      if (cursor === undefined || cursor === '') return null;
      const key = decodeCursor(cursor);
      if (key === null) {
        ctx.addIssue({
          code: 'custom',
          message: 'cursor is not one this server issued; start again without it',
        });
        return z.NEVER;
      }
      return key;
    }),
});
