import { aProduct } from '@sellout/core/testing/builders';
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Order } from '../../api/response-types';
import { apiError, createFakeApi } from '../../test/fake-api';
import { renderApp, signedInAsAdmin } from '../../test/render-app';
import { parseOrderSearch } from './order-search';

const lamp = aProduct({ id: 'p_lamp', name: 'Brass Desk Lamp', stock: 4, priceCents: 2500 });

let made = 0;
const anOrder = (overrides: Partial<Order> = {}): Order & { userId: string } => {
  made += 1;
  return {
    id: `o_${String(made).padStart(4, '0')}`,
    number: `K7M2-${String(made).padStart(4, '0')}`,
    userId: 'u_1',
    status: 'PENDING',
    lines: [
      {
        productId: 'p_lamp',
        name: 'Brass Desk Lamp',
        priceCents: 2500,
        quantity: 2,
        lineTotalCents: 5000,
      },
    ],
    totalCents: 5000,
    currency: 'USD',
    email: 'ana@example.com',
    shipping: {
      name: 'Ana Lima',
      line1: '1 Market Street',
      city: 'Springfield',
      postalCode: '12345',
      country: 'US',
    },
    createdAt: new Date(Date.UTC(2026, 11, 1, 12, 0, made)).toISOString(),
    processedAt: null,
    failureReason: null,
    invoiceUrl: null,
    ...overrides,
  };
};

const openOrders = (orders: (Order & { userId: string })[], path = '/admin/orders') => {
  const fake = createFakeApi({ products: [lamp] });
  fake.orders.push(...orders);
  signedInAsAdmin(fake);
  return renderApp(path, { api: fake });
};

const STUCK = 'We could not process this order: the payment gateway did not answer.';

describe('the orders table', () => {
  it('lists orders newest first, a stuck one highlighted with its reason and a Retry', async () => {
    const newest = anOrder({ email: 'bo@example.com' });
    const stuck = anOrder({ failureReason: STUCK });
    const done = anOrder({ status: 'PROCESSED', processedAt: '2026-12-01T12:00:09.000Z' });
    const { user, fake } = openOrders([newest, stuck, done]);
    await screen.findByRole('heading', { level: 1, name: 'Orders' });
    const rows = await screen.findAllByRole('rowheader');
    expect(rows.map((r) => r.textContent)).toEqual([
      `#${newest.number}`,
      `#${stuck.number}`,
      `#${done.number}`,
    ]);
    expect(screen.getByText(/^1 order is stuck/)).toBeTruthy();
    const stuckRow = rows[1]!.closest('tr')!;
    expect(stuckRow.className).toContain('admin-table__row--stuck');
    expect(within(stuckRow).getByText('Stuck')).toBeTruthy();
    expect(within(stuckRow).getByText(STUCK)).toBeTruthy();
    expect(within(rows[2]!.closest('tr')!).getByText('Processed')).toBeTruthy();
    expect(within(rows[0]!.closest('tr')!).queryByRole('button')).toBeNull();

    await user.click(
      within(stuckRow).getByRole('button', { name: `Retry order #${stuck.number}` }),
    );
    await waitFor(() => expect(fake.adminActions).toEqual([`retry ${stuck.id}`]));
    // The order is on its way again: no longer stuck, no longer highlighted.
    await waitFor(() =>
      expect(
        screen.getByRole('rowheader', { name: `#${stuck.number}` }).closest('tr')!.className,
      ).not.toContain('stuck'),
    );
  });

  it('filters by status, and finds orders by number or email', async () => {
    const anas = anOrder({ email: 'Ana@Example.com' });
    const bos = anOrder({ email: 'bo@example.com', status: 'CANCELLED', failureReason: 'No.' });
    const { user, fake } = openOrders([bos, anas]);
    await screen.findAllByRole('rowheader');

    await user.selectOptions(screen.getByLabelText('Status'), 'CANCELLED');
    await waitFor(() =>
      expect(screen.getAllByRole('rowheader').map((r) => r.textContent)).toEqual([
        `#${bos.number}`,
      ]),
    );
    expect(fake.calls('GET', '/api/admin/orders').at(-1)?.query.get('status')).toBe('CANCELLED');

    await user.selectOptions(screen.getByLabelText('Status'), '');
    const search = screen.getByLabelText('Order number or customer email');
    await user.type(search, `#${anas.number.toLowerCase()}`);
    await user.click(screen.getByRole('button', { name: 'Search' }));
    await waitFor(() =>
      expect(screen.getAllByRole('rowheader').map((r) => r.textContent)).toEqual([
        `#${anas.number}`,
      ]),
    );
    expect(fake.calls('GET', '/api/admin/orders').at(-1)?.query.get('number')).toBe(anas.number);
    expect(screen.getByText(`#${anas.number}`, { selector: 'strong' })).toBeTruthy();

    await user.clear(search);
    await user.type(search, ' bo@example.com ');
    await user.click(screen.getByRole('button', { name: 'Search' }));
    await waitFor(() =>
      expect(screen.getAllByRole('rowheader').map((r) => r.textContent)).toEqual([
        `#${bos.number}`,
      ]),
    );
    expect(fake.calls('GET', '/api/admin/orders').at(-1)?.query.get('email')).toBe(
      'bo@example.com',
    );

    await user.clear(search);
    await user.type(search, 'lamp');
    await user.click(screen.getByRole('button', { name: 'Search' }));
    expect(
      screen.getByText('Enter an order number like K7M2-9QX4, or the customer’s email address.'),
    ).toBeTruthy();
    expect(search.getAttribute('aria-invalid')).toBe('true');

    await user.click(screen.getByRole('button', { name: 'Show all orders' }));
    await waitFor(() => expect(screen.getAllByRole('rowheader')).toHaveLength(2));
  });
});

describe('one order', () => {
  it('shows lines, totals, shipping, email and the invoice', async () => {
    const order = anOrder({
      status: 'PROCESSED',
      processedAt: '2026-12-01T12:00:09.000Z',
      invoiceUrl: '/api/orders/x/invoice',
    });
    const { user, fake } = openOrders([order], `/admin/orders/${order.id}`);
    fake.settle(order.id, {}, `INVOICE ${order.number}\nTotal $50.00\n`);
    await screen.findByRole('heading', { level: 1, name: `Order #${order.number}` });
    expect(screen.getByText('Processed')).toBeTruthy();
    const items = screen.getByRole('region', { name: 'Items' });
    expect(within(items).getByRole('rowheader', { name: 'Brass Desk Lamp' })).toBeTruthy();
    expect(within(items).getAllByText('$50.00').length).toBeGreaterThan(0);
    const customer = screen.getByRole('region', { name: 'Customer' });
    expect(
      within(customer).getByRole('link', { name: 'ana@example.com' }).getAttribute('href'),
    ).toBe('mailto:ana@example.com');
    expect(within(customer).getByText(/1 Market Street/)).toBeTruthy();
    await user.click(within(customer).getByRole('button', { name: 'View invoice' }));
    const invoice = await screen.findByRole('figure', {
      name: `Invoice for order #${order.number}`,
    });
    expect(invoice.textContent).toContain('Total $50.00');
    expect(screen.queryByRole('button', { name: /Cancel/ })).toBeNull();
  });

  it('cancels a pending order with a reason the customer reads, releasing its stock', async () => {
    const order = anOrder();
    const { user, fake } = openOrders([order], `/admin/orders/${order.id}`);
    await screen.findByRole('heading', { level: 1, name: `Order #${order.number}` });
    await user.click(screen.getByRole('button', { name: 'Cancel and release stock…' }));
    const form = screen.getByRole('form', { name: 'Cancel this order' });
    const reason = within(form).getByLabelText('Reason (the customer reads it)');
    await user.clear(reason);
    await user.click(within(form).getByRole('button', { name: 'Cancel order and release stock' }));
    expect(within(form).getByText('Say why: the customer reads it in an email.')).toBeTruthy();
    await user.type(reason, 'We cannot ship to this address.');
    await user.click(within(form).getByRole('button', { name: 'Cancel order and release stock' }));
    await screen.findByText('Cancelled: We cannot ship to this address.');
    expect(fake.adminActions).toEqual([`cancel ${order.id}: We cannot ship to this address.`]);
    expect(fake.products.get('p_lamp')?.stock).toBe(6);
  });

  it('says so in words when the order was processed meanwhile', async () => {
    const order = anOrder();
    const { user, fake } = openOrders([order], `/admin/orders/${order.id}`);
    await screen.findByRole('heading', { level: 1, name: `Order #${order.number}` });
    fake.override((request) =>
      request.path.endsWith('/cancel')
        ? apiError(409, 'ORDER_NOT_PENDING', { orderId: order.id, status: 'PROCESSED' })
        : undefined,
    );
    await user.click(screen.getByRole('button', { name: 'Cancel and release stock…' }));
    await user.click(screen.getByRole('button', { name: 'Cancel order and release stock' }));
    await screen.findByText(
      'This order is already confirmed or cancelled, so it can no longer be cancelled.',
    );
  });

  it('retries a stuck order from its page and follows it until it is processed', async () => {
    const order = anOrder({ failureReason: STUCK });
    const { user, fake } = openOrders([order], `/admin/orders/${order.id}`);
    await screen.findByRole('heading', { level: 1, name: `Order #${order.number}` });
    expect(screen.getByRole('alert').textContent).toContain(STUCK);
    await user.click(screen.getByRole('button', { name: 'Retry' }));
    await waitFor(() => expect(screen.getByText('Processing')).toBeTruthy());
    // The worker gets it through a moment later.
    fake.settle(order.id, { status: 'PROCESSED', processedAt: new Date().toISOString() });
    await waitFor(() => expect(screen.getByText('Processed')).toBeTruthy(), { timeout: 4000 });
  });
});

describe('parseOrderSearch', () => {
  it('reads order numbers as people write them, and email addresses', () => {
    expect(parseOrderSearch('  #k7m2-9qx4 ')).toEqual({
      ok: true,
      search: { number: 'K7M2-9QX4' },
    });
    expect(parseOrderSearch('ana@example.com')).toEqual({
      ok: true,
      search: { email: 'ana@example.com' },
    });
    expect(parseOrderSearch('')).toEqual({ ok: true, search: null });
    expect(parseOrderSearch('ana@')).toMatchObject({ ok: false });
    expect(parseOrderSearch('K7M2-9QXI')).toMatchObject({ ok: false });
  });
});
