import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';

afterEach(() => {
  cleanup();
  // The build's own tests run in Node, without a DOM.
  globalThis.localStorage?.clear();
});
