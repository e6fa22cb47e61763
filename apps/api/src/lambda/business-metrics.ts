import type { ProcessOutcome } from '@sellout/core/orders/process-order';
import type { MiddlewareHandler } from 'hono';

/*
 * The shop's business metrics as CloudWatch embedded metric format (EMF): one JSON line on
 * stdout per count, which CloudWatch Logs turns into a metric with no API call on the request
 * path (ADR 73). The CDK dashboard and alarms read the same names from here.
 */

export const METRICS_NAMESPACE = 'Sellout';

export const BUSINESS_METRICS = {
  /** Orders acknowledged with a 201 (replays of an Idempotency-Key not counted again). */
  ordersPlaced: 'OrdersPlaced',
  /** Checkouts refused with 409 OUT_OF_STOCK: buyers who came too late. */
  soldOutRefusals: 'SoldOutRefusals',
  /** Deliveries that left the order PROCESSED (paid, invoiced, emailed). */
  ordersProcessed: 'OrdersProcessed',
  /** Deliveries that left the order CANCELLED (payment declined). */
  ordersCancelled: 'OrdersCancelled',
} as const;

export type BusinessMetric = (typeof BUSINESS_METRICS)[keyof typeof BUSINESS_METRICS];

/** The one dimension: which deployment counted (`sellout-prod`), from its table prefix. */
export const shopDimension = (tablePrefix: string) => tablePrefix.replace(/[-_.]+$/, '');

export type EmfLine = {
  _aws: {
    Timestamp: number;
    CloudWatchMetrics: {
      Namespace: string;
      Dimensions: string[][];
      Metrics: { Name: string; Unit: 'Count' }[];
    }[];
  };
  Shop: string;
} & Record<string, unknown>;

export const emfLine = (
  shop: string,
  metric: BusinessMetric,
  count: number,
  at: Date,
): EmfLine => ({
  _aws: {
    Timestamp: at.getTime(),
    CloudWatchMetrics: [
      {
        Namespace: METRICS_NAMESPACE,
        Dimensions: [['Shop']],
        Metrics: [{ Name: metric, Unit: 'Count' }],
      },
    ],
  },
  Shop: shop,
  [metric]: count,
});

export type MetricsWriter = { count: (metric: BusinessMetric, n?: number) => void };

/**
 * Writes straight to stdout, not through console.log: with Lambda's JSON log format the
 * runtime wraps console output in its own record, where CloudWatch would not find `_aws`.
 */
export const createMetricsWriter = (
  shop: string,
  write: (line: string) => void = (line) => process.stdout.write(line),
  now: () => Date = () => new Date(),
): MetricsWriter => ({
  count: (metric, n = 1) => write(`${JSON.stringify(emfLine(shop, metric, n, now()))}\n`),
});

const CHECKOUT_PATHS = new Set(['/api/orders', '/api/checkout']);

/**
 * Counts checkouts by their answer, so no route or use case knows about metrics: a 201 that
 * is not a replay is an order placed, a 409 OUT_OF_STOCK a sold-out refusal.
 */
export const countCheckouts =
  (metrics: MetricsWriter): MiddlewareHandler =>
  async (c, next) => {
    await next();
    if (c.req.method !== 'POST' || !CHECKOUT_PATHS.has(c.req.path)) return;
    if (c.res.status === 201 && c.res.headers.get('Idempotent-Replayed') !== 'true') {
      metrics.count(BUSINESS_METRICS.ordersPlaced);
    } else if (c.res.status === 409) {
      const body = (await c.res
        .clone()
        .json()
        .catch(() => null)) as {
        error?: { code?: string };
      } | null;
      if (body?.error?.code === 'OUT_OF_STOCK') metrics.count(BUSINESS_METRICS.soldOutRefusals);
    }
  };

/** Counts what each delivery of an order ended in; failures are counted by Lambda itself. */
export const countDeliveries =
  <T>(metrics: MetricsWriter, deliver: (delivery: T) => Promise<ProcessOutcome>) =>
  async (delivery: T): Promise<ProcessOutcome> => {
    const outcome = await deliver(delivery);
    if (outcome === 'processed') metrics.count(BUSINESS_METRICS.ordersProcessed);
    if (outcome === 'cancelled') metrics.count(BUSINESS_METRICS.ordersCancelled);
    return outcome;
  };
