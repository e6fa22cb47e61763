import { describe, expect, it } from 'vitest';
import { createFakeClock } from '../testing/fake-system';
import { createdAtOfId, createSystemIds, type IdPrefix } from './system';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** Milliseconds encoded in the first 10 characters after the prefix. */
const timeOf = (id: string) =>
  [...id.slice(2, 12)].reduce((ms, c) => ms * 32 + CROCKFORD.indexOf(c), 0);

const expectStrictlyIncreasing = (ids: string[]) => {
  for (let i = 1; i < ids.length; i++) expect(ids[i]! > ids[i - 1]!).toBe(true);
};

describe('createSystemIds', () => {
  it.each(['p', 'o', 'u'] satisfies IdPrefix[])(
    'gives %s_ ids of 26 Crockford base-32 characters after the prefix',
    (prefix) => {
      const id = createSystemIds(createFakeClock()).newId(prefix);
      expect(id).toMatch(new RegExp(`^${prefix}_[${CROCKFORD}]{26}$`));
    },
  );

  it('starts each id with the time it was made, so ids sort by creation time', () => {
    const clock = createFakeClock('2026-03-04T05:06:07.089Z');
    const ids = createSystemIds(clock);
    const first = ids.newId('o');
    clock.advance(1);
    const second = ids.newId('o');
    expect(timeOf(first)).toBe(Date.parse('2026-03-04T05:06:07.089Z'));
    expect(timeOf(second)).toBe(timeOf(first) + 1);
    expect(second > first).toBe(true);
  });

  it('keeps ids strictly increasing within one millisecond', () => {
    const ids = createSystemIds(createFakeClock());
    const made = Array.from({ length: 2000 }, () => ids.newId('o'));
    expectStrictlyIncreasing(made);
    expect(new Set(made).size).toBe(made.length);
    expect(new Set(made.map(timeOf)).size).toBe(1);
  });

  it('never goes backwards when the clock does', () => {
    const clock = createFakeClock('2026-06-01T12:00:00.000Z');
    const ids = createSystemIds(clock);
    const made = [ids.newId('o'), ids.newId('o')];
    clock.advance(-60_000);
    made.push(ids.newId('o'), ids.newId('o'));
    clock.advance(30_000);
    made.push(ids.newId('o'));
    clock.advance(120_000);
    made.push(ids.newId('o'));
    expectStrictlyIncreasing(made);
    expect(timeOf(made[4]!)).toBe(Date.parse('2026-06-01T12:00:00.000Z'));
    expect(timeOf(made[5]!)).toBe(Date.parse('2026-06-01T12:01:30.000Z'));
  });

  it('keeps ids of every prefix in one sequence, and two generators apart', () => {
    const clock = createFakeClock();
    const a = createSystemIds(clock);
    const b = createSystemIds(clock);
    const fromA = [a.newId('p'), a.newId('o'), a.newId('u')].map((id) => id.slice(2));
    expectStrictlyIncreasing(fromA);
    expect(b.newId('p')).not.toBe(`p_${fromA[0]}`);
  });
});

describe('createdAtOfId', () => {
  it('reads back the time an id was made', () => {
    const ids = createSystemIds(createFakeClock('2026-03-04T05:06:07.089Z'));
    expect(createdAtOfId(ids.newId('u'))?.toISOString()).toBe('2026-03-04T05:06:07.089Z');
  });

  it('knows no time for ids of another shape', () => {
    for (const id of [
      'u_0000000001',
      'u_',
      'garbage',
      `u_${'I'.repeat(26)}`,
      `u_${'0'.repeat(27)}`,
    ])
      expect(createdAtOfId(id), id).toBeNull();
  });
});
