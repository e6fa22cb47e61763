import { aProduct } from '@sellout/core/testing/builders';
import { act, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { fillCheckout } from '../../test/checkout-helpers';
import { createFakeApi } from '../../test/fake-api';
import { createFakeSockets } from '../../test/fake-socket';
import { renderApp, signedInAs } from '../../test/render-app';
import { createServerClock } from './server-clock';
import { dropStateAt, formatCountdown } from './use-drop-countdown';

const inSeconds = (seconds: number, from = Date.now()) =>
  new Date(from + seconds * 1000).toISOString();

const dropOf = (saleStartsAt: string | null) =>
  aProduct({ id: 'p_drop', name: 'Midnight Runner', stock: 5, saleStartsAt });

const buyNow = () => screen.getByRole('button', { name: 'Buy now' });

describe('formatCountdown and dropStateAt', () => {
  it('counts down in whole seconds, rounding up so it reads 0:00 only at the opening', () => {
    expect(formatCountdown(4_001)).toBe('0:05');
    expect(formatCountdown(5_000)).toBe('0:05');
    expect(formatCountdown(1)).toBe('0:01');
    expect(formatCountdown(0)).toBe('0:00');
    expect(formatCountdown(12 * 60_000 + 30_000)).toBe('12:30');
    expect(formatCountdown(3 * 3_600_000 + 4 * 60_000 + 5_000)).toBe('3:04:05');
    expect(formatCountdown(2 * 86_400_000 + 3 * 3_600_000 + 4_000)).toBe('2 d 03:00:04');
  });

  it('is open exactly at the instant, not a millisecond before', () => {
    const at = Date.parse('2026-12-12T12:00:00.000Z');
    expect(dropStateAt('2026-12-12T12:00:00.000Z', at - 1)).toEqual({ open: false, msLeft: 1 });
    expect(dropStateAt('2026-12-12T12:00:00.000Z', at)).toEqual({ open: true, msLeft: 0 });
    expect(dropStateAt(null, at)).toEqual({ open: true, msLeft: 0 });
  });
});

describe('the server clock', () => {
  it('takes the middle of the round trip as the moment the server read its clock', async () => {
    let device = 1_000_000;
    const clock = createServerClock(
      async () => ({ serverMs: 5_000_150, sentAt: 1_000_000, receivedAt: 1_000_300 }),
      () => device,
    );
    expect(clock.now()).toBe(1_000_000);
    await clock.sync();
    expect(clock.synced()).toBe(true);
    device = 1_000_300;
    expect(clock.now()).toBe(5_000_300);
  });

  it('keeps the device clock when the server cannot be asked', async () => {
    const clock = createServerClock(
      async () => {
        throw new Error('offline');
      },
      () => 42,
    );
    await clock.sync();
    expect(clock.synced()).toBe(false);
    expect(clock.now()).toBe(42);
  });
});

describe('a scheduled drop on the product page', () => {
  it('counts down, keeps Buy now off, and enables it by itself at the opening', async () => {
    const api = createFakeApi({ products: [dropOf(inSeconds(1.6))] });
    renderApp('/products/p_drop', { api });
    await screen.findByRole('heading', { level: 1, name: 'Midnight Runner' });
    const countdown = await screen.findByRole('region', { name: 'Drop countdown' });
    expect(within(countdown).getByRole('timer').textContent).toMatch(/^0:0[12]$/);
    expect(buyNow()).toHaveProperty('disabled', true);
    // Getting ready is allowed: the product may wait in the cart.
    expect(screen.getByRole('button', { name: 'Add to cart' })).toHaveProperty('disabled', false);

    await waitFor(() => expect(buyNow()).toHaveProperty('disabled', false), { timeout: 4000 });
    expect(screen.queryByRole('region', { name: 'Drop countdown' })).toBeNull();
    await screen.findByText('The drop is open: you can buy Midnight Runner now.');
  });

  it("follows the server's clock, not the device's", async () => {
    // Per the device the drop opened ten minutes ago; the server is an hour behind it.
    const behind = createFakeApi({ products: [dropOf(inSeconds(-600))] });
    behind.setServerOffset(-3_600_000);
    const first = renderApp('/products/p_drop', { api: behind });
    await screen.findByRole('heading', { level: 1, name: 'Midnight Runner' });
    const timer = await screen.findByRole('timer');
    await waitFor(() => expect(timer.textContent).toMatch(/^4[89]:\d\d$/));
    expect(buyNow()).toHaveProperty('disabled', true);
    first.unmount();

    // Per the device it opens in ten minutes; the server is an hour ahead: it is open.
    const ahead = createFakeApi({ products: [dropOf(inSeconds(600))] });
    ahead.setServerOffset(3_600_000);
    renderApp('/products/p_drop', { api: ahead });
    await screen.findByRole('heading', { level: 1, name: 'Midnight Runner' });
    await waitFor(() => expect(buyNow()).toHaveProperty('disabled', false));
    expect(screen.queryByRole('timer')).toBeNull();
  });

  it('moves the countdown when the shop reschedules the drop, live', async () => {
    const sockets = createFakeSockets();
    const api = createFakeApi({ products: [dropOf(inSeconds(3600))] });
    renderApp('/products/p_drop', { api, createSocket: sockets.create });
    const timer = await screen.findByRole('timer');
    await waitFor(() => expect(timer.textContent).toMatch(/^(1:00:00|59:\d\d)$/));
    await waitFor(() => expect(sockets.sockets.length).toBeGreaterThan(0));
    act(() => sockets.latest()!.open());

    act(() =>
      sockets.latest()!.receive({
        type: 'product',
        productId: 'p_drop',
        saleStartsAt: inSeconds(120),
        version: 2,
      }),
    );
    await waitFor(() => expect(screen.getByRole('timer').textContent).toMatch(/^(2:00|1:5\d)$/));

    act(() =>
      sockets.latest()!.receive({
        type: 'product',
        productId: 'p_drop',
        saleStartsAt: null,
        version: 3,
      }),
    );
    await waitFor(() => expect(buyNow()).toHaveProperty('disabled', false));
  });
});

describe('a drop in the cart and at checkout', () => {
  it('says on the cart line when it opens, and a refused early checkout says when in words', async () => {
    const api = createFakeApi({ products: [dropOf(inSeconds(3600))] });
    signedInAs(api, [{ productId: 'p_drop', quantity: 1 }]);
    const { user } = renderApp('/cart', { api });
    const line = (await screen.findByRole('link', { name: 'Midnight Runner' })).closest('li')!;
    expect(within(line).getByText(/^Opens in/)).toBeTruthy();
    expect(within(line).getByRole('timer').textContent).toMatch(/^(1:00:00|59:\d\d)$/);

    await user.click(screen.getByRole('link', { name: 'Check out' }));
    await screen.findByRole('heading', { level: 1, name: 'Checkout' });
    const summary = screen.getByRole('complementary', { name: 'Your order' });
    expect(within(summary).getByText(/^Opens in/)).toBeTruthy();
    await fillCheckout(user);
    await user.click(screen.getByRole('button', { name: /^Place order/ }));

    const alert = await screen.findByText(/^Midnight Runner goes on sale at /);
    expect(alert.textContent).toMatch(
      /goes on sale at .+ — not yet, so nothing was ordered\. Place your order again once it opens\.$/,
    );
    expect(api.orders).toHaveLength(0);
  });
});
