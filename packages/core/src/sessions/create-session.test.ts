import { describe, expect, it } from 'vitest';
import { createSystemIds } from '../shared/system';
import { createFakeClock } from '../testing/fake-system';
import { createGuestUser } from './create-session';

describe('createGuestUser', () => {
  it('issues a new u_ id to every guest', () => {
    const deps = { ids: createSystemIds(createFakeClock()) };
    const guests = Array.from({ length: 50 }, () => createGuestUser(deps).userId);
    for (const userId of guests) expect(userId).toMatch(/^u_[0-9A-Z]{26}$/);
    expect(new Set(guests).size).toBe(guests.length);
  });
});
