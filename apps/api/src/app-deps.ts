import type { Carts } from '@sellout/core/carts/carts-port';
import type { Catalog } from '@sellout/core/catalog/catalog-port';
import type { BlobStore } from '@sellout/core/invoices/blob-store-port';
import type { LiveUpdates } from '@sellout/core/live/live-updates-port';
import type { Mailer } from '@sellout/core/mail/mailer-port';
import type { OrderDispatch } from '@sellout/core/orders/order-dispatch-port';
import type { Orders } from '@sellout/core/orders/orders-port';
import type { Interactions } from '@sellout/core/recommendations/interactions-port';
import type { Clock, Ids } from '@sellout/core/shared/system';
import type { Context } from 'hono';
import type { Logger } from 'pino';
import type { RequestLog } from './http/request-log';
import type { SessionTokens } from './http/session-tokens';
import type { BucketLimits } from './http/token-bucket';

/** Everything the HTTP app needs; entry points choose the implementations. */
export type AppDeps = {
  catalog: Catalog;
  carts: Carts;
  orders: Orders;
  /** Where invoices are read from. */
  blobs: BlobStore;
  /** Sends a stuck order to the worker again (the admin retry). */
  dispatch: OrderDispatch;
  /** The shopper's email when the shop cancels an order. */
  mailer: Mailer;
  interactions: Interactions;
  live: LiveUpdates;
  clock: Clock;
  ids: Ids;
  tokens: SessionTokens;
  adminToken: string;
  shop: { name: string; currency: string };
  /** Null switches rate limiting off (RATE_LIMIT=off). */
  rateLimits: { shopperWrites: BucketLimits; sessionsPerAddress: BucketLimits } | null;
  /** The caller's address, as the runtime knows it. */
  clientAddress: (c: Context) => string;
  logger: Logger;
};

/** Per-request values set by middleware. */
export type AppEnv = {
  Variables: {
    requestId: string;
    log: RequestLog;
    /** Set by the shopper guard (http/guards.ts). */
    userId: string;
  };
};
