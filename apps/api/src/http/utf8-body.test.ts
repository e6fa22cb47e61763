import { describe, expect, it } from 'vitest';
import {
  buyNowBody,
  expectError,
  jsonRequest,
  newShopper,
  openTestApp,
  storeState,
  userIdOf,
} from '../testing/test-app';

describe('request bodies must be UTF-8 JSON', () => {
  it('refuses a body declared in another charset with 415, changing nothing', async () => {
    const t = await openTestApp({ store: 'memory' });
    const token = await newShopper(t.app);
    const before = await storeState(t.deps, [userIdOf(token)]);
    const response = await jsonRequest(t.app, 'POST', '/api/cart', undefined, {
      token,
      headers: { 'Content-Type': 'application/json; charset=latin1' },
      raw: JSON.stringify({ productId: t.products.plenty.id, quantity: 1 }),
    });
    expect(expectError(response, 415, 'UNSUPPORTED_MEDIA_TYPE').message).toContain('UTF-8');
    expect(await storeState(t.deps, [userIdOf(token)])).toEqual(before);
  });

  it('refuses bytes that are not UTF-8 with 400 rather than storing U+FFFD in an address', async () => {
    const t = await openTestApp({ store: 'memory' });
    const token = await newShopper(t.app);
    const before = await storeState(t.deps, [userIdOf(token)]);
    const json = JSON.stringify(buyNowBody(t.products.plenty.id, 1, { email: 'ana@example.com' }));
    const bytes = Buffer.from(json.replace('Ana Lima', 'Ana L\u0000ma'), 'utf8');
    bytes[bytes.indexOf(0)] = 0xff;
    const response = await jsonRequest(t.app, 'POST', '/api/checkout', undefined, {
      token,
      headers: { 'Content-Type': 'application/json' },
      raw: new Uint8Array(bytes),
    });
    expect(expectError(response, 400, 'VALIDATION_FAILED').details).toEqual({
      issues: [{ path: '', message: 'the body is not valid UTF-8' }],
    });
    expect(await storeState(t.deps, [userIdOf(token)])).toEqual(before);
  });

  it('still answers 401 first to a caller without a token, whatever the bytes', async () => {
    const t = await openTestApp({ store: 'memory' });
    const response = await jsonRequest(t.app, 'POST', '/api/cart', undefined, {
      headers: { 'Content-Type': 'application/json; charset=latin1' },
      raw: new Uint8Array([0xff, 0xfe]),
    });
    expectError(response, 401, 'UNAUTHORIZED');
  });

  it('accepts an explicit utf-8 charset', async () => {
    const t = await openTestApp({ store: 'memory' });
    const token = await newShopper(t.app);
    const response = await jsonRequest(t.app, 'POST', '/api/cart', undefined, {
      token,
      headers: { 'Content-Type': 'application/json; charset=UTF-8' },
      raw: JSON.stringify({ productId: t.products.plenty.id, quantity: 1 }),
    });
    expect(response.status).toBe(200);
  });
});
