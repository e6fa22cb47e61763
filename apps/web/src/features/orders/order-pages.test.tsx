import { aProduct } from '@sellout/core/testing/builders';
import { act, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fillCheckout } from '../../test/checkout-helpers';
import { createFakeApi } from '../../test/fake-api';
import { createFakeSockets } from '../../test/fake-socket';
import { renderApp, signedInAs } from '../../test/render-app';
import { FALLBACK_POLL_MS } from './get-order';

afterEach(() => {
  vi.useRealTimers();
});

const mug = () => aProduct({ id: 'p_mug', name: 'Stoneware Mug', priceCents: 1800, stock: 40 });

/** Checks out a cart of two mugs and lands on the confirmation page. */
const placeAnOrder = async (options: Parameters<typeof renderApp>[1] = {}) => {
  const fake = options.api ?? createFakeApi({ products: [mug()] });
  signedInAs(fake, [{ productId: 'p_mug', quantity: 2 }]);
  const app = renderApp('/checkout', { ...options, api: fake });
  await screen.findByRole('button', { name: /Place order/ });
  await fillCheckout(app.user);
  await app.user.click(screen.getByRole('button', { name: /Place order/ }));
  await screen.findByRole('heading', { name: 'Thank you for your order!' });
  const orderId = app.fake.orders[0]!.id;
  const orderNumber = app.fake.orders[0]!.number;
  return { ...app, orderId, orderNumber };
};

/** What the worker writes on an order it gave up on (`stuckOrderReason` in the core). */
const STUCK_REASON =
  'We could not process this order after 8 attempts; the shop has been alerted and will retry it.';

const statusPanel = () => screen.getByRole('region', { name: 'Order status' });

describe('the confirmation page', () => {
  it('shows the order id, the lines, the total and a pending status', async () => {
    const { orderId, orderNumber } = await placeAnOrder();
    // The short number people read out, with the opaque id as the reference.
    expect(screen.getByText(`#${orderNumber}`)).toBeTruthy();
    expect(screen.getByText(orderId)).toBeTruthy();
    const table = screen.getByRole('table');
    expect(within(table).getByRole('link', { name: 'Stoneware Mug' })).toBeTruthy();
    expect(within(table).getAllByText('$36.00')).toHaveLength(2);
    expect(within(statusPanel()).getByText('Processing')).toBeTruthy();
    expect(statusPanel().getAttribute('aria-live')).toBe('polite');
  });

  it('moves to PROCESSED when the live update arrives', async () => {
    const sockets = createFakeSockets();
    const { orderId, fake } = await placeAnOrder({ createSocket: sockets.create });
    sockets.latest().open();

    fake.settle(orderId, { status: 'PROCESSED', processedAt: '2026-01-01T00:01:00.000Z' });
    act(() => sockets.latest().receive({ type: 'order', orderId, status: 'PROCESSED' }));

    expect(await within(statusPanel()).findByText('Confirmed')).toBeTruthy();
    expect(within(statusPanel()).getByText(/Payment confirmed/)).toBeTruthy();
  });

  it('subscribes to its own order updates with the session token', async () => {
    const sockets = createFakeSockets();
    await placeAnOrder({ createSocket: sockets.create });
    const token = JSON.parse(localStorage.getItem('sellout.session') ?? '{}').token;
    expect(sockets.latest().url).toBe(
      `ws://${window.location.host}/api/live?token=${encodeURIComponent(token)}`,
    );
  });

  it('polls while the order is pending and the socket is down', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const { orderId, fake } = await placeAnOrder();
    const reads = () => fake.calls('GET', `/api/orders/${orderId}`).length;
    // Read once on arrival (see the next test), then every few seconds.
    await waitFor(() => expect(reads()).toBe(1));

    await act(() => vi.advanceTimersByTimeAsync(FALLBACK_POLL_MS));
    await waitFor(() => expect(reads()).toBe(2));

    fake.settle(orderId, { status: 'CANCELLED', failureReason: 'Card declined by issuer.' });
    await act(() => vi.advanceTimersByTimeAsync(FALLBACK_POLL_MS));

    expect(await screen.findByRole('heading', { name: 'Your order was cancelled' })).toBeTruthy();
    expect(
      within(statusPanel()).getByText(
        'The payment did not go through (Card declined by issuer). Nothing was charged, and the items went back on sale.',
      ),
    ).toBeTruthy();

    // Settled orders are not read again.
    const settled = reads();
    await act(() => vi.advanceTimersByTimeAsync(FALLBACK_POLL_MS * 3));
    expect(reads()).toBe(settled);
  });

  it('says so calmly when the shop gave up on the order, stops polling, and still turns Confirmed', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const sockets = createFakeSockets();
    const { orderId, fake } = await placeAnOrder({ createSocket: sockets.create });
    const reads = () => fake.calls('GET', `/api/orders/${orderId}`).length;
    await waitFor(() => expect(reads()).toBe(1));

    // The worker dead-letters the order; the socket is down, so the page polls and reads it.
    fake.settle(orderId, { failureReason: STUCK_REASON });
    await act(() => vi.advanceTimersByTimeAsync(FALLBACK_POLL_MS));

    expect(await within(statusPanel()).findByText(STUCK_REASON)).toBeTruthy();
    expect(within(statusPanel()).getByText('Delayed')).toBeTruthy();
    expect(within(statusPanel()).getByText(/You don’t need to order again/)).toBeTruthy();
    expect(within(statusPanel()).queryByText(/updates by itself/)).toBeNull();
    expect(statusPanel().querySelector('.spinner')).toBeNull();
    expect(screen.queryByRole('alert')).toBeNull();

    // Nothing changes until the shop retries it, so it is not read again and again.
    const stuck = reads();
    await act(() => vi.advanceTimersByTimeAsync(FALLBACK_POLL_MS * 3));
    expect(reads()).toBe(stuck);

    // The shop retries it and it goes through: the live update still moves the page on.
    act(() => sockets.latest().open());
    fake.settle(orderId, { status: 'PROCESSED', failureReason: null });
    act(() => sockets.latest().receive({ type: 'order', orderId, status: 'PROCESSED' }));

    expect(await within(statusPanel()).findByText('Confirmed')).toBeTruthy();
    expect(within(statusPanel()).getByText(/Payment confirmed/)).toBeTruthy();
    expect(within(statusPanel()).queryByText(STUCK_REASON)).toBeNull();
  });

  it('ends up PROCESSED even when the live update beats the checkout answer', async () => {
    const sockets = createFakeSockets();
    const fake = createFakeApi({ products: [mug()] });
    const fetchFromServer = fake.fetch;
    fake.fetch = async (input, init) => {
      const response = await fetchFromServer(input, init);
      if (init.method === 'POST' && input === '/api/orders' && response.status === 201) {
        // The worker is fast: the order is processed and announced before we hear the 201.
        const { orderId } = await response.clone().json();
        fake.settle(orderId, { status: 'PROCESSED' });
        sockets.latest().receive({ type: 'order', orderId, status: 'PROCESSED' });
      }
      return response;
    };
    const opened = (url: string) => {
      const socket = sockets.create(url);
      queueMicrotask(() => socket.open());
      return socket;
    };

    await placeAnOrder({ api: fake, createSocket: opened });

    expect(await within(statusPanel()).findByText('Confirmed')).toBeTruthy();
  });

  it('fetches the invoice with the bearer token and shows it', async () => {
    const fake = createFakeApi({ products: [mug()] });
    const { orderId, orderNumber, user, router } = await placeAnOrder({ api: fake });
    fake.settle(orderId, { status: 'PROCESSED' }, `INVOICE ${orderId}\nTotal: $36.00`);
    await act(() => router.navigate('/orders'));

    await user.click(await screen.findByRole('button', { name: 'View invoice' }));

    const invoice = await screen.findByRole('figure', {
      name: `Invoice for order #${orderNumber}`,
    });
    expect(invoice.textContent).toContain('Total: $36.00');
    const [call] = fake.calls('GET', `/api/orders/${orderId}/invoice`);
    expect(call?.headers.get('Authorization')).toMatch(/^Bearer /);
    // The file link follows the text, once the invoice has been made into a file.
    expect(await screen.findByRole('link', { name: 'Download invoice (.txt)' })).toBeTruthy();
  });

  it('says when an order is not there (or not this shopper’s)', async () => {
    const fake = createFakeApi();
    renderApp('/orders/o_someone_else', { api: fake });
    expect(
      await screen.findByRole('heading', { name: 'We couldn’t find that order' }),
    ).toBeTruthy();
  });
});

describe('the orders page', () => {
  it('lists orders newest first with their status', async () => {
    const fake = createFakeApi({ products: [mug()] });
    const { orderId, orderNumber, router } = await placeAnOrder({ api: fake });
    fake.settle(orderId, { status: 'CANCELLED', failureReason: 'Card declined' });
    await act(() => router.navigate('/orders'));

    const row = (await screen.findByRole('link', { name: `Order #${orderNumber}` })).closest('li')!;
    expect(within(row).getByText('Cancelled')).toBeTruthy();
    expect(within(row).getByText('Cancelled: Card declined')).toBeTruthy();
    expect(within(row).getByText('$36.00')).toBeTruthy();
    expect(within(row).queryByRole('button', { name: 'View invoice' })).toBeNull();
  });

  it('says why an order the shop gave up on is still waiting', async () => {
    const fake = createFakeApi({ products: [mug()] });
    const { orderId, orderNumber, router } = await placeAnOrder({ api: fake });
    fake.settle(orderId, { failureReason: STUCK_REASON });
    await act(() => router.navigate('/orders'));

    const row = (await screen.findByRole('link', { name: `Order #${orderNumber}` })).closest('li')!;
    expect(within(row).getByText('Delayed')).toBeTruthy();
    expect(within(row).getByText(STUCK_REASON)).toBeTruthy();
  });

  it('invites a new shopper to start shopping', async () => {
    renderApp('/orders');
    expect(await screen.findByText('You have no orders yet.')).toBeTruthy();
  });
});
