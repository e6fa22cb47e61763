import { describe, expect, it } from 'vitest';
import { utcTimestampSchema } from './time';

const schema = utcTimestampSchema('saleStartsAt');

describe('utcTimestampSchema', () => {
  it.each([
    ['2026-12-12T12:00:00.000Z', '2026-12-12T12:00:00.000Z'],
    ['2026-12-12T12:00Z', '2026-12-12T12:00:00.000Z'],
    ['2026-12-12T12:00:05Z', '2026-12-12T12:00:05.000Z'],
    ['2026-12-12T12:00:05.5Z', '2026-12-12T12:00:05.500Z'],
    ['2028-02-29T00:00:00Z', '2028-02-29T00:00:00.000Z'],
  ])('takes %s as %s', (input, normalised) => {
    expect(schema.parse(input)).toBe(normalised);
  });

  it.each([
    '2026-12-12',
    '2026-12-12T12:00:00',
    '2026-12-12T12:00:00+01:00',
    '2026-02-30T00:00:00Z',
    '2026-13-01T00:00:00Z',
    '2026-12-12T25:00:00Z',
    'tomorrow',
    '',
    ' 2026-12-12T12:00:00Z',
  ])('refuses %j with a message that names the field', (input) => {
    const parsed = schema.safeParse(input);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.message).toBe(
      'saleStartsAt is an ISO 8601 UTC time like 2026-12-12T12:00:00Z',
    );
  });
});
