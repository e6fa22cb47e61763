import type { Carts } from '../carts/carts-port';
import type { Catalog } from '../catalog/catalog-port';
import type { Orders } from '../orders/orders-port';
import type { Interactions } from '../recommendations/interactions-port';
import type { Clock } from '../shared/system';

/** The ports an adapter provides, opened fresh for one test. */
export type ContractStores = {
  catalog: Catalog;
  carts: Carts;
  orders: Orders;
  interactions: Interactions;
  close?: () => void | Promise<void>;
};

/** Opens a fresh, empty store whose time comes from `clock`. */
export type StoreFactory = (clock: Clock) => Promise<ContractStores>;
