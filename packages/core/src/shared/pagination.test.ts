import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_PAGE_SIZE,
  decodeCursor,
  encodeCursor,
  MAX_PAGE_SIZE,
  pageQuerySchema,
  toCursorPage,
} from './pagination';

const base64Url = (text: string) =>
  btoa(text).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');

const messagesOf = (query: Record<string, string>) => {
  const parsed = pageQuerySchema.safeParse(query);
  return parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

describe('cursors', () => {
  it.each(['p_01JC3Z8X5Q9W7R6T4Y2M1N0B3V', 'o_0000000001', 'u_1', 'A', 'a-b_c', 'x'.repeat(128)])(
    'decodes the cursor of %s back to the same key',
    (key) => {
      const cursor = encodeCursor(key);
      expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
      expect(cursor).not.toContain(key);
      expect(decodeCursor(cursor)).toBe(key);
    },
  );

  it.each([
    ['an empty string', ''],
    ['plain garbage', 'not a cursor!'],
    ['a bare sort key', 'o_0000000001'],
    ['base64 of a key without the prefix', base64Url('o_0000000001')],
    ['base64 of a key with another prefix', base64Url('c2.o_0000000001')],
    ['base64 of the prefix alone', base64Url('c1.')],
    ['base64 of a key with characters no sort key has', base64Url('c1.o_1;DROP TABLE')],
    ['base64 of a key over 128 characters', base64Url(`c1.${'x'.repeat(129)}`)],
    ['base64 with a length that cannot be decoded', 'YzEub18xA'],
    ['standard base64 padding, which URL-safe cursors never carry', 'YzEub18x=='],
    ['over 400 characters', 'A'.repeat(401)],
    ['a valid cursor with a trailing newline', `${encodeCursor('o_1')}\n`],
  ])('rejects %s', (_, cursor) => {
    expect(decodeCursor(cursor)).toBeNull();
  });

  it('never throws, whatever the string', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 500 }), (cursor) => {
        const key = decodeCursor(cursor);
        expect(key === null || /^[A-Za-z0-9_-]{1,128}$/.test(key)).toBe(true);
      }),
      { numRuns: 500 },
    );
    fc.assert(
      fc.property(fc.base64String({ maxLength: 420 }), (text) => {
        decodeCursor(text.replaceAll('+', '-').replaceAll('/', '_'));
      }),
    );
  });

  it('round-trips every key that matches the sort-key pattern', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Za-z0-9_-]{1,128}$/), (key) => {
        expect(decodeCursor(encodeCursor(key))).toBe(key);
      }),
      { numRuns: 2000 },
    );
  });

  it('wraps the next key of a page in a cursor, and a last page has none', () => {
    expect(toCursorPage({ items: [1, 2], next: 'o_0000000002' })).toEqual({
      items: [1, 2],
      nextCursor: encodeCursor('o_0000000002'),
    });
    expect(toCursorPage({ items: [3], next: null })).toEqual({ items: [3], nextCursor: null });
  });
});

describe('pageQuerySchema', () => {
  it(`defaults to ${DEFAULT_PAGE_SIZE} items from the start`, () => {
    expect(pageQuerySchema.parse({})).toEqual({ limit: 20, cursor: null });
  });

  it('reads a limit from a query string and a cursor as the key it carries', () => {
    expect(pageQuerySchema.parse({ limit: '1', cursor: encodeCursor('p_0000000007') })).toEqual({
      limit: 1,
      cursor: 'p_0000000007',
    });
    expect(pageQuerySchema.parse({ limit: String(MAX_PAGE_SIZE) }).limit).toBe(100);
  });

  it('treats an empty limit as the default', () => {
    expect(pageQuerySchema.parse({ limit: '' })).toEqual({ limit: 20, cursor: null });
  });

  it('treats an empty cursor as the first page', () => {
    expect(pageQuerySchema.parse({ cursor: '' })).toEqual({ limit: 20, cursor: null });
  });

  it.each([
    ['0', 'limit: limit must be a whole number from 1 to 100'],
    ['101', 'limit: limit must be a whole number from 1 to 100'],
    ['1.5', 'limit: limit must be a whole number from 1 to 100'],
    ['abc', 'limit: limit must be a whole number from 1 to 100'],
    ['-3', 'limit: limit must be a whole number from 1 to 100'],
    ['1e1', 'limit: limit must be a whole number from 1 to 100'],
    ['0x10', 'limit: limit must be a whole number from 1 to 100'],
    [' 5', 'limit: limit must be a whole number from 1 to 100'],
  ])('rejects limit=%s saying why', (limit, message) => {
    expect(messagesOf({ limit })).toEqual([message]);
  });

  it('rejects a cursor this server did not issue, telling the client to start again', () => {
    expect(messagesOf({ cursor: 'garbage' })).toEqual([
      'cursor: cursor is not one this server issued; start again without it',
    ]);
    expect(messagesOf({ cursor: base64Url('c1.../etc/passwd') })).toHaveLength(1);
  });
});
