import type { Carts } from '../carts/carts-port';
import type { Catalog } from '../catalog/catalog-port';
import type { Orders } from '../orders/orders-port';
import type { Interactions } from '../recommendations/interactions-port';
import type { Clock } from '../shared/system';
import { DAY_MS } from '../shared/time';

/** The ports an adapter provides, opened fresh for one test. */
export type ContractStores = {
  catalog: Catalog;
  carts: Carts;
  orders: Orders;
  interactions: Interactions;
  close?: () => void | Promise<void>;
};

/** How a store is opened; what every store's factory takes besides its own connection. */
export type StoreOptions = {
  /** How long carts and interest scores live after their last change (CART_TTL_DAYS). */
  guestDataTtlMs: number;
};

/** The options the contract suites open stores with: the shop's default time to live. */
export const CONTRACT_STORE_OPTIONS: StoreOptions = { guestDataTtlMs: 30 * DAY_MS };

/** Opens a fresh, empty store whose time comes from `clock`. */
export type StoreFactory = (clock: Clock, options: StoreOptions) => Promise<ContractStores>;
