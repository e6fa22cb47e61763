import { describe, expect, it } from 'vitest';
import {
  type CartBody,
  jsonRequest,
  openTestApp,
  type SessionBody,
  TEST_STORES,
  userIdOf,
} from '../testing/test-app';

describe.each(TEST_STORES)('health and guest sessions (%s store)', (store) => {
  it('GET /api/health answers 200 {"status":"ok"}', async () => {
    const { app } = await openTestApp({ store });
    const response = await jsonRequest<{ status: string }>(app, 'GET', '/api/health');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(response.body.status).toBe('ok');
  });

  it('POST /api/session creates a guest shopper: 201 {token, userId}', async () => {
    const { app } = await openTestApp({ store });
    const response = await jsonRequest<SessionBody>(app, 'POST', '/api/session');
    expect(response.status).toBe(201);
    expect(Object.keys(response.body).sort()).toEqual(['token', 'userId']);
    expect(response.body.userId).toMatch(/^u_/);
    expect(response.body.token).toEqual(expect.any(String));
    // The token carries exactly that shopper.
    expect(userIdOf(response.body.token)).toBe(response.body.userId);
  });

  it('gives every session its own shopper and a token that works at once', async () => {
    const { app } = await openTestApp({ store });
    const first = await jsonRequest<SessionBody>(app, 'POST', '/api/session');
    const second = await jsonRequest<SessionBody>(app, 'POST', '/api/session');
    expect(first.body.userId).not.toBe(second.body.userId);
    expect(first.body.token).not.toBe(second.body.token);
    const cart = await jsonRequest<CartBody>(app, 'GET', '/api/cart', undefined, {
      token: second.body.token,
    });
    expect(cart.status).toBe(200);
  });

  it('ignores a body sent to POST /api/session', async () => {
    const { app } = await openTestApp({ store });
    const response = await jsonRequest<SessionBody>(app, 'POST', '/api/session', {
      userId: 'u_chosen',
    });
    expect(response.status).toBe(201);
    expect(response.body.userId).not.toBe('u_chosen');
  });
});
