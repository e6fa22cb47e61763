import { aProduct } from '@sellout/core/testing/builders';
import { act, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Order } from '../../api/response-types';
import { createFakeApi } from '../../test/fake-api';
import { createFakeSockets } from '../../test/fake-socket';
import { renderApp, signedInAsAdmin } from '../../test/render-app';
import {
  chartPoints,
  formatDuration,
  ordersOf,
  ordersPerSecond,
  RATE_WINDOW_MS,
  timeToSellOut,
} from './drop-stats';

const at = (ms: number) => new Date(Date.UTC(2026, 11, 12, 12, 0, 0) + ms).toISOString();

const orderOf = (productId: string, createdAt: string, overrides: Partial<Order> = {}): Order => ({
  id: `o_${createdAt}`,
  number: 'AAAA-BBBB',
  status: 'PENDING',
  lines: [{ productId, name: 'X', priceCents: 100, quantity: 1, lineTotalCents: 100 }],
  totalCents: 100,
  currency: 'USD',
  email: 'a@example.com',
  shipping: { name: 'A', line1: 'B', city: 'C', postalCode: 'D', country: 'US' },
  createdAt,
  processedAt: null,
  failureReason: null,
  invoiceUrl: null,
  ...overrides,
});

describe('drop statistics', () => {
  it("keeps the product's orders, newest first, and counts orders per second over 10 s", () => {
    const orders = ordersOf(
      [orderOf('p_a', at(1000)), orderOf('p_b', at(1500)), orderOf('p_a', at(9000))],
      'p_a',
    );
    expect(orders.map((o) => o.createdAt)).toEqual([at(9000), at(1000)]);
    const now = Date.parse(at(11_500));
    expect(ordersPerSecond(orders, now)).toBe(0.1);
    expect(ordersPerSecond(orders, Date.parse(at(9000)) + RATE_WINDOW_MS)).toBe(0);
  });

  it('measures opening to sold out on the server times of the drop and the last order', () => {
    const orders = [orderOf('p_a', at(4_250)), orderOf('p_a', at(1_000))];
    expect(timeToSellOut(at(0), 0, orders)).toBe(4_250);
    expect(timeToSellOut(at(0), 1, orders)).toBeNull();
    expect(timeToSellOut(null, 0, orders)).toBeNull();
    const cancelledLast = [orderOf('p_a', at(5_000), { status: 'CANCELLED' }), ...orders];
    expect(timeToSellOut(at(0), 0, cancelledLast)).toBe(4_250);
  });

  it('reads durations the way an owner says them', () => {
    expect(formatDuration(40)).toBe('40 ms');
    expect(formatDuration(4_250)).toBe('4.2 s');
    expect(formatDuration(59_990)).toBe('59.9 s');
    expect(formatDuration(123_000)).toBe('2 min 03 s');
    expect(formatDuration(3_720_000)).toBe('1 h 02 min');
  });

  it('draws stock over time into the chart box', () => {
    expect(
      chartPoints(
        [
          { at: 0, stock: 10 },
          { at: 500, stock: 5 },
          { at: 1000, stock: 0 },
        ],
        300,
        80,
      ),
    ).toBe('0.0,0.0 150.0,40.0 300.0,80.0');
    expect(chartPoints([], 300, 80)).toBe('');
  });
});

describe('the drop board', () => {
  it('shows the countdown, then stock falling and orders arriving live', async () => {
    const opens = new Date(Date.now() + 1500).toISOString();
    const shoe = aProduct({ id: 'p_shoe', name: 'Night Runner', stock: 3, saleStartsAt: opens });
    const fake = createFakeApi({ products: [shoe], realTimes: true });
    signedInAsAdmin(fake);
    const sockets = createFakeSockets();
    renderApp('/admin/drops?product=p_shoe', { api: fake, createSocket: sockets.create });
    await screen.findByRole('heading', { level: 2, name: 'Night Runner' });
    expect(screen.getByRole('timer').textContent).toMatch(/^Opens in 0:0[12]$/);
    await waitFor(() => expect(sockets.sockets.length).toBeGreaterThan(0));
    act(() => sockets.latest().open());
    const stat = (name: string) =>
      screen.getByText(name, { selector: 'dt' }).nextElementSibling?.textContent;
    expect(stat('In stock')).toBe('3');

    await waitFor(() => expect(screen.getByText('Open — selling now')).toBeTruthy(), {
      timeout: 4000,
    });
    // A shopper buys all three: the order arrives, and the stock falls live.
    const token = `token-buyer`;
    fake.seedCart(token, []);
    await fake.fetch('/api/checkout', {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({
        productId: 'p_shoe',
        quantity: 3,
        email: 'ana@example.com',
        shipping: { name: 'Ana', line1: '1 Main', city: 'X', postalCode: '1', country: 'US' },
      }),
    });
    act(() =>
      sockets.latest().receive({ type: 'stock', productId: 'p_shoe', stock: 0, version: 2 }),
    );
    expect(stat('In stock')).toBe('0');
    expect(stat('Units sold')).toBe('3');
    const latest = await screen.findByRole('list', { name: 'Latest orders of this product' });
    await waitFor(() => expect(within(latest).getAllByRole('listitem')).toHaveLength(1), {
      timeout: 3000,
    });
    expect(within(latest).getByText(/^3 × at /)).toBeTruthy();
    const duration = /^(\d+ ms|\d+\.\d s)$/;
    await waitFor(() =>
      expect(
        screen.getByText(/^Sold out in /, { selector: '.board__headline' }).textContent,
      ).toMatch(/^Sold out in (\d+ ms|\d+\.\d s)$/),
    );
    expect(stat('Opening to sold out')).toMatch(duration);
    expect(Number(stat('Orders per second')?.split(' ')[0])).toBeGreaterThan(0);
  });

  it('lists upcoming drops first in the product picker', async () => {
    const soon = aProduct({
      id: 'p_soon',
      name: 'Drop Soon',
      saleStartsAt: new Date(Date.now() + 60_000).toISOString(),
    });
    const plain = aProduct({ id: 'p_plain', name: 'Plain Mug' });
    const fake = createFakeApi({ products: [plain, soon] });
    signedInAsAdmin(fake);
    const { user, router } = renderApp('/admin/drops', { api: fake });
    const picker = await screen.findByLabelText('Product to watch');
    const groups = within(picker).getAllByRole('group');
    expect(groups.map((g) => g.getAttribute('label'))).toEqual([
      'Drops (this hour and later)',
      'Other products',
    ]);
    expect(within(groups[0]!).getByRole('option').textContent).toMatch(/^Drop Soon — /);
    await user.selectOptions(picker, 'p_plain');
    expect(router.state.location.search).toBe('?product=p_plain');
    await screen.findByRole('heading', { level: 2, name: 'Plain Mug' });
  });
});
