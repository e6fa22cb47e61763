import type { BlobStore } from '@sellout/core/invoices/blob-store-port';
import type { LiveUpdates } from '@sellout/core/live/live-updates-port';
import type { Mailer } from '@sellout/core/mail/mailer-port';
import type { DeliveryDeps } from '@sellout/core/orders/handle-delivery';
import type { OrderDispatch } from '@sellout/core/orders/order-dispatch-port';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from '@sellout/core/orders/redelivery-policy';
import { createSimulatedPaymentGateway } from '@sellout/core/payments/simulated-payment-gateway';
import type { Clock, Ids } from '@sellout/core/shared/system';
import { DAY_MS } from '@sellout/core/shared/time';
import type { Context } from 'hono';
import type { Logger } from 'pino';
import type { AppDeps } from '../app-deps';
import type { Config } from '../config';
import { DEFAULT_RATE_LIMITS } from '../http/rate-limits';
import { createSessionTokens } from '../http/session-tokens';

/** The ports a store provides (SQLite, DynamoDB): what differs between runtimes' data. */
export type StorePorts = Pick<AppDeps, 'catalog' | 'carts' | 'orders' | 'interactions'>;

/** The side adapters a runtime provides around its store (files locally; S3, SES, SQS on AWS). */
export type SideAdapters = {
  blobs: BlobStore;
  mailer: Mailer;
  dispatch: OrderDispatch;
  live: LiveUpdates;
};

export type RuntimeParts = {
  store: StorePorts;
  sides: SideAdapters;
  config: Config;
  logger: Logger;
  clock: Clock;
  ids: Ids;
};

/** How often and how soon a failed order is tried again, whichever runtime delivers it. */
export const workerRetryPolicy = (config: Config): RetryPolicy => ({
  ...DEFAULT_RETRY_POLICY,
  maxAttempts: config.WORKER_MAX_ATTEMPTS,
  baseDelayMs: config.WORKER_RETRY_BASE_MS,
});

const shopOf = (config: Config) => ({ name: config.SHOP_NAME, currency: config.SHOP_CURRENCY });

/** The HTTP app's dependencies, the same for every runtime; only the parts differ. */
export const buildAppDeps = (
  parts: RuntimeParts & {
    secrets: { adminToken: string; sessionSecret: string };
    clientAddress: (c: Context) => string;
  },
): AppDeps => ({
  ...parts.store,
  ...parts.sides,
  clock: parts.clock,
  ids: parts.ids,
  tokens: createSessionTokens({
    secret: parts.secrets.sessionSecret,
    clock: parts.clock,
    ttlMs: parts.config.SESSION_TTL_DAYS * DAY_MS,
  }),
  adminToken: parts.secrets.adminToken,
  shop: shopOf(parts.config),
  rateLimits: parts.config.RATE_LIMIT === 'on' ? DEFAULT_RATE_LIMITS : null,
  clientAddress: parts.clientAddress,
  logger: parts.logger,
});

/** What the order worker runs on, whichever runtime delivers the orders (outbox, SQS). */
export const buildDeliveryDeps = (parts: Omit<RuntimeParts, 'ids'>): DeliveryDeps => {
  const paymentLog = parts.logger.child({ component: 'payments' });
  return {
    orders: parts.store.orders,
    payments: createSimulatedPaymentGateway(
      (request, outcome) =>
        paymentLog.info(
          {
            orderId: request.orderId,
            idempotencyKey: request.idempotencyKey,
            amountCents: request.amountCents,
            token: request.paymentToken,
            outcome,
          },
          'simulated charge',
        ),
      // The simulated outage lasts as long as the worker tries, so a tok_error order gets stuck
      // and the owner's retry is what gets it through.
      { outageCharges: parts.config.WORKER_MAX_ATTEMPTS },
    ),
    blobs: parts.sides.blobs,
    mailer: parts.sides.mailer,
    live: parts.sides.live,
    clock: parts.clock,
    shop: shopOf(parts.config),
    ownerEmail: parts.config.OWNER_EMAIL ?? null,
  };
};
