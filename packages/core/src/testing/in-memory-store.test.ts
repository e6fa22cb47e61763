import { describeCartsContract } from './carts.contract';
import { describeCatalogContract } from './catalog.contract';
import { createInMemoryStore } from './in-memory-store';
import { describeInteractionsContract } from './interactions.contract';
import { describeOrderQueueContract } from './order-queue.contract';
import { describeOrdersContract } from './orders.contract';

const makeStores = async (clock: Parameters<typeof createInMemoryStore>[0]) =>
  createInMemoryStore(clock);

describeCatalogContract('in-memory', makeStores);
describeCartsContract('in-memory', makeStores);
describeOrdersContract('in-memory', makeStores);
describeOrderQueueContract('in-memory', makeStores);
describeInteractionsContract('in-memory', makeStores);
