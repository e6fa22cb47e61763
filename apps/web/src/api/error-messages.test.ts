import { describe, expect, it, vi } from 'vitest';
import { ApiError } from './api-error';
import { describeError } from './error-messages';

const names = { productName: (id: string) => (id === 'p_1' ? 'Crimson High' : undefined) };

describe('error messages', () => {
  it('says how many are left, by name, for OUT_OF_STOCK', () => {
    const error = new ApiError('OUT_OF_STOCK', 'x', {
      details: { items: [{ productId: 'p_1', requested: 3, available: 2 }] },
    });
    expect(describeError(error, names)).toBe('Only 2 left of Crimson High.');
  });

  it('states the limit for PURCHASE_LIMIT_EXCEEDED', () => {
    const error = new ApiError('PURCHASE_LIMIT_EXCEEDED', 'x', {
      details: { items: [{ productId: 'p_1', requested: 2, limit: 1 }] },
    });
    expect(describeError(error, names)).toBe('Limit 1 per order for Crimson High.');
  });

  it('tells a rate-limited shopper how long to wait', () => {
    const error = new ApiError('RATE_LIMITED', 'x', { retryAfterSeconds: 4 });
    expect(describeError(error)).toBe('Too many tries — wait 4 s and try again.');
  });

  it('says the shop cannot be reached when no answer came but the device is online', () => {
    const error = new ApiError('NETWORK', 'x');
    expect(navigator.onLine).toBe(true);
    expect(describeError(error, { willRetry: true })).toBe(
      'We can’t reach the shop right now — we’ll keep trying.',
    );
    expect(describeError(error)).toBe(
      'We can’t reach the shop right now — please try again in a moment.',
    );
    expect(describeError(error)).not.toMatch(/offline/i);
  });

  it('says "offline" only when the browser knows it is, and promises a retry only if the app will retry', () => {
    const online = vi.spyOn(navigator, 'onLine', 'get').mockReturnValue(false);
    try {
      const error = new ApiError('NETWORK', 'x');
      expect(describeError(error, { willRetry: true })).toMatch(/^You’re offline — we’ll retry/);
      expect(describeError(error)).toMatch(/^You’re offline — check your connection/);
    } finally {
      online.mockRestore();
    }
  });

  it('explains that a refused write was not sent under the new session', () => {
    expect(describeError(new ApiError('SESSION_REPLACED', 'x'))).toBe(
      'Your session expired, so we started a new one — please try again.',
    );
  });

  it('never shows the server’s developer-facing message', () => {
    const error = new ApiError('INTERNAL', 'TypeError at line 3', {
      details: { requestId: 'req-9' },
    });
    expect(describeError(error)).toBe(
      'Something went wrong on our side — please try again. (Reference req-9)',
    );
  });
});
