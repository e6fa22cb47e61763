import { describe, expect, it } from 'vitest';
import type { BlobStore } from '../invoices/blob-store-port';
import { PaymentGatewayUnavailableError } from '../payments/payment-gateway-port';
import { createSimulatedPaymentGateway } from '../payments/simulated-payment-gateway';
import { anOrder, aProduct } from '../testing/builders';
import { placeCommand } from '../testing/checkout-rules.contract';
import { createFakeClock, createRecordingLiveUpdates } from '../testing/fake-system';
import { createInMemoryBlobStore, createRecordingMailer } from '../testing/in-memory-side-effects';
import { createInMemoryStore } from '../testing/in-memory-store';
import { type ProcessOrderDeps, processOrder } from './process-order';

const setup = async (paymentToken: string, overrides: Partial<ProcessOrderDeps> = {}) => {
  const clock = createFakeClock();
  const store = createInMemoryStore();
  const product = aProduct({ stock: 5 });
  await store.catalog.create(product);
  const order = anOrder('u_1', [{ productId: product.id, quantity: 2, priceCents: 1250 }], {
    paymentToken,
  });
  await store.orders.place(placeCommand({ order }));
  const blobs = createInMemoryBlobStore();
  const mailer = createRecordingMailer();
  const live = createRecordingLiveUpdates();
  const deps: ProcessOrderDeps = {
    orders: store.orders,
    payments: createSimulatedPaymentGateway(),
    blobs,
    mailer,
    live,
    clock,
    shop: { name: 'Sellout' },
    ...overrides,
  };
  return { deps, store, product, order, blobs, mailer, live, clock };
};

describe('processOrder', () => {
  it('takes an approved order to PROCESSED with one invoice and one confirmation email', async () => {
    const { deps, store, order, blobs, mailer, live, clock } = await setup('tok_visa');
    clock.advance(1500);
    expect(await processOrder(deps, order.id)).toBe('processed');

    const processed = await store.orders.get(order.id);
    expect(processed).toMatchObject({
      status: 'PROCESSED',
      processedAt: '2026-01-01T00:00:01.500Z',
      invoiceKey: `invoices/${order.id}.txt`,
      failureReason: null,
    });
    expect([...blobs.blobs.keys()]).toEqual([`invoices/${order.id}.txt`]);
    const invoice = blobs.blobs.get(`invoices/${order.id}.txt`)!.body;
    expect([...mailer.sent.keys()]).toEqual([`${order.id}.confirmation`]);
    const email = mailer.sent.get(`${order.id}.confirmation`)!;
    expect(email).toMatchObject({
      to: 'ana@example.com',
      subject: `Sellout: order #${order.number} confirmed`,
    });
    expect(email.attachments).toEqual([
      {
        filename: `invoice-${order.id}.txt`,
        content: invoice,
        contentType: 'text/plain; charset=utf-8',
      },
    ]);
    expect(live.events).toEqual([
      { type: 'order', orderId: order.id, userId: 'u_1', status: 'PROCESSED' },
    ]);
  });

  it('cancels a declined order with its reason, releases the stock and sends one declined email', async () => {
    const { deps, store, product, order, blobs, mailer, live } = await setup('tok_declined');
    expect(await processOrder(deps, order.id)).toBe('cancelled');

    expect(await store.orders.get(order.id)).toMatchObject({
      status: 'CANCELLED',
      failureReason: 'Your card was declined.',
      processedAt: null,
      invoiceKey: null,
    });
    expect((await store.catalog.get(product.id))?.stock).toBe(5);
    expect(blobs.blobs.size).toBe(0);
    expect([...mailer.sent.keys()]).toEqual([`${order.id}.declined`]);
    expect(mailer.sent.get(`${order.id}.declined`)?.text).toContain('Your card was declined.');
    expect(live.events).toEqual([
      { type: 'stock', productId: product.id, stock: 5, version: 3 },
      { type: 'order', orderId: order.id, userId: 'u_1', status: 'CANCELLED' },
    ]);
  });

  it('throws on a gateway outage and leaves the order PENDING with no side effects', async () => {
    const { deps, store, order, blobs, mailer } = await setup('tok_error');
    await expect(processOrder(deps, order.id)).rejects.toBeInstanceOf(
      PaymentGatewayUnavailableError,
    );
    expect((await store.orders.get(order.id))?.status).toBe('PENDING');
    expect(blobs.blobs.size + mailer.sent.size).toBe(0);
  });

  it('after a crash right after the invoice write, a re-run still gives one invoice and one email', async () => {
    const blobs = createInMemoryBlobStore();
    let crashes = 1;
    const crashingBlobs: BlobStore = {
      get: blobs.get,
      async put(key, body, contentType) {
        await blobs.put(key, body, contentType);
        if (crashes-- > 0) throw new Error('process died after writing the invoice');
      },
    };
    const { deps, store, order, mailer, clock } = await setup('tok_visa', { blobs: crashingBlobs });
    await expect(processOrder(deps, order.id)).rejects.toThrow('process died');
    expect(mailer.sent.size).toBe(0);
    const firstInvoice = blobs.blobs.get(`invoices/${order.id}.txt`)!.body;

    clock.advance(60_000);
    expect(await processOrder(deps, order.id)).toBe('processed');
    expect(await processOrder(deps, order.id)).toBe('processed');
    expect([...blobs.blobs.keys()]).toEqual([`invoices/${order.id}.txt`]);
    expect(blobs.blobs.get(`invoices/${order.id}.txt`)!.body).toBe(firstInvoice);
    expect(mailer.sent.size).toBe(1);
    expect(mailer.sent.get(`${order.id}.confirmation`)?.attachments[0]?.content).toBe(firstInvoice);
    expect((await store.orders.get(order.id))?.status).toBe('PROCESSED');
  });

  it('on a first delivery writes the invoice without looking for an earlier one', async () => {
    const blobs = createInMemoryBlobStore();
    const reads: string[] = [];
    const { deps, store, order, mailer } = await setup('tok_visa', {
      blobs: {
        ...blobs,
        get: (key) => {
          reads.push(key);
          return blobs.get(key);
        },
      },
    });
    expect(await processOrder(deps, order.id, { firstDelivery: true })).toBe('processed');
    expect(reads).toEqual([]);
    expect((await store.orders.get(order.id))?.status).toBe('PROCESSED');
    const invoice = blobs.blobs.get(`invoices/${order.id}.txt`)!.body;
    expect(mailer.sent.get(`${order.id}.confirmation`)?.attachments[0]?.content).toBe(invoice);
  });

  it('after a crash between the email and the status change, a re-run sends nothing more', async () => {
    const { deps, store, order, mailer } = await setup('tok_visa');
    const markProcessed = store.orders.markProcessed;
    let crashes = 1;
    deps.orders = {
      ...store.orders,
      markProcessed: async (id, patch) => {
        if (crashes-- > 0) throw new Error('process died before the status change');
        return markProcessed(id, patch);
      },
    };
    await expect(processOrder(deps, order.id)).rejects.toThrow('process died');
    expect(await processOrder(deps, order.id)).toBe('processed');
    expect([...mailer.sent.keys()]).toEqual([`${order.id}.confirmation`]);
    expect((await store.orders.get(order.id))?.status).toBe('PROCESSED');
  });

  it('after a crash between the cancel and the email, a re-run sends the declined email once', async () => {
    const recording = createRecordingMailer();
    let crashes = 1;
    const { deps, store, product, order } = await setup('tok_declined', {
      mailer: {
        send: async (message, options) => {
          if (crashes-- > 0) throw new Error('mail server down');
          return recording.send(message, options);
        },
      },
    });
    await expect(processOrder(deps, order.id)).rejects.toThrow('mail server down');
    expect(await processOrder(deps, order.id)).toBe('cancelled');
    expect(await processOrder(deps, order.id)).toBe('cancelled');
    expect([...recording.sent.keys()]).toEqual([`${order.id}.declined`]);
    expect((await store.catalog.get(product.id))?.stock).toBe(5);
  });

  it('sends one email when two workers process the same order at once', async () => {
    const { deps, store, order, mailer } = await setup('tok_visa');
    await Promise.all([processOrder(deps, order.id), processOrder(deps, order.id)]);
    expect(mailer.sent.size).toBe(1);
    expect((await store.orders.get(order.id))?.status).toBe('PROCESSED');
  });

  it('acknowledges a message for an order that does not exist', async () => {
    const { deps } = await setup('tok_visa');
    expect(await processOrder(deps, 'o_ghost')).toBe('not-found');
  });
});
