import { describeCartsContract } from './carts.contract';
import { describeCatalogContract } from './catalog.contract';
import { createInMemoryStore } from './in-memory-store';
import { describeInteractionsContract } from './interactions.contract';
import { describeOrdersContract } from './orders.contract';
import type { StoreFactory } from './store-factory';

const makeStores: StoreFactory = async (clock, options) =>
  createInMemoryStore({ clock, ...options });

describeCatalogContract('in-memory', makeStores);
describeCartsContract('in-memory', makeStores);
describeOrdersContract('in-memory', makeStores);
describeInteractionsContract('in-memory', makeStores);
