import { describeCartsContract } from './carts.contract';
import { describeCatalogContract } from './catalog.contract';
import { createInMemoryStore } from './in-memory-store';
import { describeInteractionsContract } from './interactions.contract';
import { describeOrdersContract } from './orders.contract';

const makeStores = async () => createInMemoryStore();

describeCatalogContract('in-memory', makeStores);
describeCartsContract('in-memory', makeStores);
describeOrdersContract('in-memory', makeStores);
describeInteractionsContract('in-memory', makeStores);
