import type { OrderMessage } from '@sellout/core/orders/order-queue-port';
import { type ProcessOrderDeps, processOrder } from '@sellout/core/orders/process-order';
import type { Logger } from 'pino';

/**
 * processOrder with every step logged (payment, invoice, email, status) with the order id,
 * the attempt and the outcome. The core stays free of logging: the ports are wrapped here.
 */
export const createOrderProcessor =
  (deps: ProcessOrderDeps, logger: Logger) =>
  async (message: OrderMessage): Promise<string> => {
    const log = logger.child({ orderId: message.orderId, attempt: message.attempt });
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
    const logged: ProcessOrderDeps = {
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
            (o) => o.kind,
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
        cancel: (id, reason) =>
          step(
            'status',
            () => deps.orders.cancel(id, reason),
            (o) => (o.kind === 'cancelled' ? 'CANCELLED' : o.kind),
          ),
      },
    };
    return processOrder(logged, message.orderId);
  };
