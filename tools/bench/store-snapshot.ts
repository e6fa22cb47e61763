import type { StoreClient } from '../testing/store-client';
import type { History } from './invariants';

type ProductRow = { id: string; stock: number; version: number };
type OrderRow = History['orders'][number];

const allProducts = async (store: StoreClient) => {
  const products: ProductRow[] = [];
  let cursor: string | null = null;
  do {
    const page: { items: ProductRow[]; nextCursor: string | null } = await store.json(
      store.request(`/products?limit=100${cursor ? `&cursor=${cursor}` : ''}`),
    );
    products.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return products;
};

const sameVersions = (a: readonly ProductRow[], b: readonly ProductRow[]) => {
  const versions = new Map(a.map((product) => [product.id, product.version]));
  return (
    a.length === b.length && b.every((product) => versions.get(product.id) === product.version)
  );
};

const ATTEMPTS = 10;

/**
 * Products and orders read as of one moment, through the public API. A checkout the generator
 * gave up on may still commit on the server after the phase ends, between the two reads; the
 * product versions around the order listing show it, and the read is taken again.
 */
export const readStoreSnapshot = async (store: StoreClient) => {
  for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
    const before = await allProducts(store);
    const orders = await store.allOrders<OrderRow>();
    const after = await allProducts(store);
    if (sameVersions(before, after)) return { products: after, orders, attempts: attempt };
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`the store did not hold still for ${ATTEMPTS} reads in a row`);
};
