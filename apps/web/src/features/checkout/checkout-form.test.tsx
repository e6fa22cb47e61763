import { TEST_CARDS } from '@sellout/core/payments/simulated-payment-gateway';
import { aProduct } from '@sellout/core/testing/builders';
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { fillCheckout } from '../../test/checkout-helpers';
import { apiError, createFakeApi } from '../../test/fake-api';
import { renderApp, signedInAs } from '../../test/render-app';

const mug = aProduct({ id: 'p_mug', name: 'Stoneware Mug', priceCents: 1800, stock: 40 });

const openCheckout = async (path = '/checkout') => {
  const fake = createFakeApi({ products: [mug] });
  signedInAs(fake, [{ productId: 'p_mug', quantity: 2 }]);
  const app = renderApp(path, { api: fake });
  await screen.findByRole('button', { name: /Place order/ });
  return app;
};

const errorFor = (label: string) => {
  const field = screen.getByLabelText(label);
  const id = field
    .getAttribute('aria-describedby')
    ?.split(' ')
    .find((i) => i.endsWith('-error'));
  return id ? document.getElementById(id)?.textContent : undefined;
};

const placeOrder = () => screen.getByRole('button', { name: /Place order/ });

describe('checkout form validation (the API’s own schemas)', () => {
  it('explains a bad email next to the field and sends nothing', async () => {
    const { user, fake } = await openCheckout();
    await fillCheckout(user, { email: 'ana@example' });
    await user.click(placeOrder());

    expect(errorFor('Email')).toBe('Email must be a valid address like ana@example.com');
    expect(screen.getByLabelText('Email').getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement).toBe(screen.getByLabelText('Email'));
    expect(fake.calls('POST', '/api/orders')).toHaveLength(0);
  });

  it('lists every missing field next to it', async () => {
    const { user, fake } = await openCheckout();
    await fillCheckout(user, { name: '', line1: '   ', city: '', postalCode: '' });
    await user.click(placeOrder());

    expect(errorFor('Full name')).toBe('Name is required');
    expect(errorFor('Address line 1')).toBe('Address line 1 is required');
    expect(errorFor('City')).toBe('City is required');
    expect(errorFor('Postal code')).toBe('Postal code is required');
    expect(errorFor('Email')).toBeUndefined();
    expect(document.activeElement).toBe(screen.getByLabelText('Full name'));
    expect(fake.calls('POST', '/api/orders')).toHaveLength(0);
  });

  it('asks for a country when none is chosen', async () => {
    const { user, fake } = await openCheckout();
    await fillCheckout(user, { country: '' });
    await user.click(placeOrder());
    expect(errorFor('Country')).toBe('Choose a country');
    expect(fake.calls('POST', '/api/orders')).toHaveLength(0);
  });

  it('shows the server’s field problems next to the fields too', async () => {
    const { user, fake } = await openCheckout();
    fake.override((request) =>
      request.path === '/api/orders'
        ? apiError(400, 'VALIDATION_FAILED', {
            issues: [{ path: 'shipping.country', message: 'we do not ship to AQ' }],
          })
        : undefined,
    );
    await fillCheckout(user, { country: 'AQ' });
    await user.click(placeOrder());

    await waitFor(() => expect(errorFor('Country')).toBe('We do not ship to AQ'));
    expect(screen.getByRole('alert').textContent).toMatch(/Some details need fixing/);
  });

  it('offers the simulated gateway’s own test cards, approving by default', async () => {
    await openCheckout();
    const picker = screen.getByLabelText('Test card') as HTMLSelectElement;
    const offered = [...picker.options].map((option) => [option.value, option.textContent]);
    expect(offered).toEqual(
      Object.entries(TEST_CARDS).map(([token, card]) => [token, `${card.label} (${token})`]),
    );
    expect(offered.map(([, text]) => text)).toEqual([
      'Approves (tok_visa)',
      'Declines (tok_declined)',
      'Gateway error (tok_error)',
    ]);
    expect(picker.value).toBe('tok_visa');
  });

  it('sends the trimmed address, the chosen test card and an Idempotency-Key', async () => {
    const { user, fake } = await openCheckout();
    await fillCheckout(user, { name: '  Ana Lima  ' });
    await user.selectOptions(screen.getByLabelText('Test card'), 'tok_declined');
    await user.click(placeOrder());

    await screen.findByRole('heading', { name: 'Thank you for your order!' });
    const [call] = fake.calls('POST', '/api/orders');
    expect(call?.body).toEqual({
      email: 'ana@example.com',
      shipping: {
        name: 'Ana Lima',
        line1: '1 Market Street',
        city: 'Springfield',
        postalCode: '12345',
        country: 'US',
      },
      paymentToken: 'tok_declined',
    });
    expect(call?.headers.get('Idempotency-Key')).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('placing the order', () => {
  it('cannot be submitted twice', async () => {
    const { user, fake } = await openCheckout();
    let answer: () => void = () => {};
    fake.override((request) =>
      request.path === '/api/orders'
        ? new Promise<undefined>((resolve) => {
            answer = () => resolve(undefined);
          })
        : undefined,
    );
    await fillCheckout(user);

    await user.dblClick(placeOrder());
    await user.keyboard('{Enter}');
    expect(screen.getByRole('button', { name: 'Placing your order…' })).toHaveProperty(
      'disabled',
      true,
    );
    answer();

    await screen.findByRole('heading', { name: 'Thank you for your order!' });
    expect(fake.calls('POST', '/api/orders')).toHaveLength(1);
    expect(fake.orders).toHaveLength(1);
  });

  it('retries a lost answer with the same Idempotency-Key, and buys once', async () => {
    const { user, fake } = await openCheckout();
    let drops = 1;
    fake.override((request) => {
      if (request.path !== '/api/orders' || drops === 0) return undefined;
      drops -= 1;
      throw new TypeError('Failed to fetch');
    });
    await fillCheckout(user);
    await user.click(placeOrder());

    expect(
      await screen.findByText(/We can’t reach the shop right now — we’ll keep trying/),
    ).toBeTruthy();
    await screen.findByRole('heading', { name: 'Thank you for your order!' }, { timeout: 4000 });
    const keys = fake.calls('POST', '/api/orders').map((r) => r.headers.get('Idempotency-Key'));
    expect(keys).toHaveLength(2);
    expect(keys[1]).toBe(keys[0]);
    expect(fake.orders).toHaveLength(1);
  });

  it('keeps the key when the shopper tries again after an uncertain answer', async () => {
    const { user, fake } = await openCheckout();
    fake.override((request) =>
      request.path === '/api/orders'
        ? apiError(429, 'RATE_LIMITED', undefined, { 'Retry-After': '3' })
        : undefined,
    );
    await fillCheckout(user);
    await user.click(placeOrder());
    expect((await screen.findByRole('alert')).textContent).toBe(
      'Too many tries — wait 3 s and try again.',
    );
    await user.click(placeOrder());
    await waitFor(() => expect(fake.calls('POST', '/api/orders')).toHaveLength(2));
    const [first, second] = fake.calls('POST', '/api/orders');
    expect(second?.headers.get('Idempotency-Key')).toBe(first?.headers.get('Idempotency-Key'));
  });

  it('uses a fresh key for a new attempt after a definite no', async () => {
    const { user, fake } = await openCheckout();
    let refusals = 1;
    fake.override((request) => {
      if (request.path !== '/api/orders' || refusals === 0) return undefined;
      refusals -= 1;
      return apiError(409, 'CART_EMPTY');
    });
    await fillCheckout(user);
    await user.click(placeOrder());
    expect((await screen.findByRole('alert')).textContent).toMatch(/Your cart is empty/);

    await user.click(placeOrder());
    await screen.findByRole('heading', { name: 'Thank you for your order!' });
    const [first, second] = fake.calls('POST', '/api/orders');
    expect(second?.headers.get('Idempotency-Key')).not.toBe(first?.headers.get('Idempotency-Key'));
  });

  it('buys one item now through POST /api/checkout, leaving the cart alone', async () => {
    const { user, fake } = await openCheckout('/checkout?product=p_mug&quantity=3');
    const summary = screen.getByRole('complementary', { name: 'Your order' });
    expect(within(summary).getByText('3 × Stoneware Mug')).toBeTruthy();
    expect(placeOrder().textContent).toBe('Place order · $54.00');

    await fillCheckout(user);
    await user.click(placeOrder());

    await screen.findByRole('heading', { name: 'Thank you for your order!' });
    expect(fake.calls('POST', '/api/checkout')[0]?.body).toMatchObject({
      productId: 'p_mug',
      quantity: 3,
    });
    expect(fake.calls('POST', '/api/orders')).toHaveLength(0);
    expect(screen.getByRole('link', { name: 'Cart, 2 items' })).toBeTruthy();
  });

  it('does not buy under a new session when the old one was refused: it says so', async () => {
    const { user, fake } = await openCheckout('/checkout?product=p_mug&quantity=1');
    await fillCheckout(user);
    // The store forgets every session (its secret rotated) while the shopper types.
    fake.forgetSessions();
    await user.click(placeOrder());

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe(
      'Your session expired, so we started a new one — please try again.',
    );
    expect(fake.calls('POST', '/api/checkout')).toHaveLength(1);
    expect(fake.orders).toHaveLength(0);

    // Trying again is the shopper's choice, and buys under the new session.
    await user.click(placeOrder());
    await screen.findByRole('heading', { name: 'Thank you for your order!' });
    const [refused, placed] = fake.calls('POST', '/api/checkout');
    expect(placed?.headers.get('Authorization')).not.toBe(refused?.headers.get('Authorization'));
    expect(fake.orders).toHaveLength(1);
  });

  it('offers the quantity the shop can sell when "Buy now" hits the limit', async () => {
    const fake = createFakeApi({
      products: [aProduct({ id: 'p_drop', name: 'Crimson High', stock: 5, maxPerOrder: 1 })],
    });
    const { user } = renderApp('/checkout?product=p_drop&quantity=2', { api: fake });
    await screen.findByRole('button', { name: /Place order/ });
    await fillCheckout(user);
    await user.click(placeOrder());

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toMatch(/Limit 1 per order for Crimson High\./);
    await user.click(within(alert).getByRole('button', { name: 'Buy 1 instead' }));
    expect(placeOrder().textContent).toMatch(/Place order/);
    expect(
      within(screen.getByRole('complementary', { name: 'Your order' })).getByText(
        '1 × Crimson High',
      ),
    ).toBeTruthy();
  });
});
