import { ensureStorefrontBuilt } from './storefront-build';

/** Once per run of the e2e project, before any test file starts a server. */
export const setup = () => {
  ensureStorefrontBuilt();
};
