import { describe, expect, it } from 'vitest';
import { loadConfig } from './config';

describe('loadConfig', () => {
  it('keeps carts 30 days and sessions 90 unless told otherwise', () => {
    expect(loadConfig({})).toMatchObject({ CART_TTL_DAYS: 30, SESSION_TTL_DAYS: 90 });
    expect(loadConfig({ CART_TTL_DAYS: '7', SESSION_TTL_DAYS: '365' })).toMatchObject({
      CART_TTL_DAYS: 7,
      SESSION_TTL_DAYS: 365,
    });
  });

  it('stops on a lifetime that is not a whole number of days from 1 to 3650, naming it', () => {
    for (const [name, value] of [
      ['CART_TTL_DAYS', '0'],
      ['CART_TTL_DAYS', '1.5'],
      ['SESSION_TTL_DAYS', 'forever'],
      ['SESSION_TTL_DAYS', '3651'],
    ] as const) {
      expect(() => loadConfig({ [name]: value }), `${name}=${value}`).toThrow(name);
    }
  });
});
