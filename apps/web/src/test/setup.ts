import { cleanup } from '@testing-library/react';
import { afterEach, beforeAll } from 'vitest';

// Pages are lazy chunks; loading them once up front keeps their first transform (slow on a busy
// machine) out of the tests' waits for what is on screen.
beforeAll(async () => {
  if (typeof document === 'undefined') return;
  await Promise.all([
    import('../routes/home'),
    import('../routes/product'),
    import('../routes/cart'),
    import('../routes/checkout'),
    import('../routes/orders'),
    import('../routes/order'),
    import('../routes/not-found'),
    import('../admin/admin-app'),
    import('../api/response-schemas').then((m) => m.responseSchemas()),
  ]);
}, 30_000);

afterEach(() => {
  cleanup();
  // The build's own tests run in Node, without a DOM.
  globalThis.localStorage?.clear();
  globalThis.sessionStorage?.clear();
});
