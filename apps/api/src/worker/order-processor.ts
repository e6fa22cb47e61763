import {
  type DeliveryDeps,
  handleOrderDelivery,
  type OrderDelivery,
} from '@sellout/core/orders/handle-delivery';
import type { ProcessOutcome } from '@sellout/core/orders/process-order';
import type { Logger } from 'pino';

/**
 * Core's delivery use case with every step logged (payment, invoice, email, status) with the
 * order id, the attempt and the outcome. The core stays free of logging: the ports are
 * wrapped here. Every runtime's worker (the local outbox, the SQS Lambda) calls this.
 */
export const createOrderProcessor =
  (deps: DeliveryDeps, logger: Logger) =>
  async (delivery: OrderDelivery): Promise<ProcessOutcome> => {
    // The order's fields on each line, without a pino child per order (a child of the worker's
    // child logger costs more than the line it writes).
    const order = { orderId: delivery.orderId, attempt: delivery.attempt };
    const log = {
      info: (fields: object, message: string) =>
        logger.isLevelEnabled('info') && logger.info({ ...order, ...fields }, message),
      warn: (fields: object, message: string) =>
        logger.isLevelEnabled('warn') && logger.warn({ ...order, ...fields }, message),
    };
    const step = async <T>(
      name: string,
      run: () => Promise<T>,
      outcomeOf: (value: T) => string,
    ) => {
      try {
        const value = await run();
        log.info({ step: name, outcome: outcomeOf(value) }, `${name}: ${outcomeOf(value)}`);
        return value;
      } catch (error) {
        log.warn({ step: name, outcome: 'error', err: error }, `${name}: failed`);
        throw error;
      }
    };
    const logged: DeliveryDeps = {
      ...deps,
      payments: {
        charge: (request) =>
          step(
            'payment',
            () => deps.payments.charge(request),
            (o) => o.kind,
          ),
      },
      blobs: {
        get: deps.blobs.get,
        put: (key, body, type) =>
          step(
            'invoice',
            () => deps.blobs.put(key, body, type),
            () => `written to ${key}`,
          ),
      },
      mailer: {
        send: (mail, options) =>
          step(
            'email',
            () => deps.mailer.send(mail, options),
            (o) => `${o.kind} (${options.idempotencyKey})`,
          ),
      },
      orders: {
        ...deps.orders,
        markProcessed: (id, patch) =>
          step(
            'status',
            () => deps.orders.markProcessed(id, patch),
            (o) => (o.kind === 'transitioned' ? 'PROCESSED' : o.kind),
          ),
        cancel: (id, cancellation) =>
          step(
            'status',
            () => deps.orders.cancel(id, cancellation),
            (o) => (o.kind === 'cancelled' ? 'CANCELLED' : o.kind),
          ),
        markStuck: (id, at, reason) =>
          step(
            'stuck',
            () => deps.orders.markStuck(id, at, reason),
            (marked) => (marked ? 'marked stuck' : 'already stuck or final'),
          ),
      },
    };
    return handleOrderDelivery(logged, delivery);
  };
