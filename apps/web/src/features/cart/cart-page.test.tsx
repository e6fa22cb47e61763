import { aProduct } from '@sellout/core/testing/builders';
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fillCheckout } from '../../test/checkout-helpers';
import { createFakeApi } from '../../test/fake-api';
import { renderApp, signedInAs } from '../../test/render-app';
import { QUANTITY_SETTLE_MS } from './use-quantity-choice';

afterEach(() => {
  vi.useRealTimers();
});

const products = () => [
  aProduct({ id: 'p_mug', name: 'Stoneware Mug', priceCents: 1800, stock: 40 }),
  aProduct({ id: 'p_tent', name: 'Ultralight Tent', priceCents: 32999, stock: 2 }),
  aProduct({ id: 'p_lamp', name: 'Brass Lamp', priceCents: 8900, stock: 0 }),
];

const lineOf = (name: string) => {
  const link = screen.getByRole('link', { name });
  const line = link.closest('li');
  if (!line) throw new Error(`no cart line for ${name}`);
  return within(line);
};

const openCart = async (lines: { productId: string; quantity: number }[]) => {
  const fake = createFakeApi({ products: products() });
  signedInAs(fake, lines);
  const app = renderApp('/cart', { api: fake });
  await screen.findByRole('heading', { name: 'Summary' });
  return app;
};

describe('the cart page', () => {
  it('shows lines, quantities and the total', async () => {
    await openCart([{ productId: 'p_mug', quantity: 2 }]);
    const mug = lineOf('Stoneware Mug');
    expect(mug.getByRole('combobox', { name: 'Quantity of Stoneware Mug' })).toHaveProperty(
      'value',
      '2',
    );
    expect(mug.getByText('$36.00')).toBeTruthy();
    expect(screen.getByText('2 items')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Cart, 2 items' })).toBeTruthy();
  });

  it('flags lines that ask for more than is left, and fixes them on request', async () => {
    const { user, fake } = await openCart([
      { productId: 'p_mug', quantity: 1 },
      { productId: 'p_tent', quantity: 3 },
      { productId: 'p_lamp', quantity: 1 },
    ]);
    expect(lineOf('Ultralight Tent').getByText('Only 2 left')).toBeTruthy();
    expect(lineOf('Brass Lamp').getByText('Sold out')).toBeTruthy();
    expect(lineOf('Stoneware Mug').queryByText(/left|Sold out/)).toBeNull();
    expect(screen.getByText(/2 items have fewer units left/)).toBeTruthy();

    await user.click(screen.getByRole('button', { name: 'Update my cart to what is left' }));

    await waitFor(() => expect(screen.queryByRole('link', { name: 'Brass Lamp' })).toBeNull());
    expect(
      lineOf('Ultralight Tent').getByRole('combobox', { name: 'Quantity of Ultralight Tent' }),
    ).toHaveProperty('value', '2');
    expect(screen.queryByText('Only 2 left')).toBeNull();
    expect(fake.calls('PUT', '/api/cart/items/p_tent')[0]?.body).toEqual({ quantity: 2 });
    expect(fake.calls('DELETE', '/api/cart/items/p_lamp')).toHaveLength(1);
  });

  it('names a sold-out line and offers no checkout until it is removed', async () => {
    const { user } = await openCart([
      { productId: 'p_mug', quantity: 1 },
      { productId: 'p_lamp', quantity: 1 },
    ]);
    expect(within(screen.getByRole('complementary')).getByRole('alert').textContent).toBe(
      'Brass Lamp is sold out — remove it to continue.',
    );
    expect(screen.queryByRole('link', { name: 'Check out' })).toBeNull();

    await user.click(lineOf('Brass Lamp').getByRole('button', { name: 'Remove Brass Lamp' }));

    expect(await screen.findByRole('link', { name: 'Check out' })).toBeTruthy();
    expect(screen.queryByText(/sold out — remove/)).toBeNull();
  });

  it('checkout names a sold-out line and shows no form until it is removed', async () => {
    const fake = createFakeApi({ products: products() });
    signedInAs(fake, [
      { productId: 'p_mug', quantity: 1 },
      { productId: 'p_lamp', quantity: 1 },
    ]);
    renderApp('/checkout', { api: fake });
    expect((await screen.findByRole('alert')).textContent).toBe(
      'Brass Lamp is sold out — remove it to continue.',
    );
    expect(screen.queryByRole('button', { name: /Place order/ })).toBeNull();
    expect(screen.getByRole('link', { name: 'Go to your cart' }).getAttribute('href')).toBe(
      '/cart',
    );
  });

  it('offers quantities up to the limit per order and the stock, no more', async () => {
    const fake = createFakeApi({
      products: [
        aProduct({ id: 'p_pair', name: 'Runner Pair', stock: 10, maxPerOrder: 2 }),
        aProduct({ id: 'p_tent', name: 'Ultralight Tent', stock: 3 }),
      ],
    });
    signedInAs(fake, [
      { productId: 'p_pair', quantity: 1 },
      { productId: 'p_tent', quantity: 1 },
    ]);
    renderApp('/cart', { api: fake });
    await screen.findByRole('heading', { name: 'Summary' });
    const choices = (name: string) =>
      within(screen.getByRole('combobox', { name: `Quantity of ${name}` }))
        .getAllByRole('option')
        .map((option) => option.textContent);
    await waitFor(() => expect(choices('Runner Pair')).toEqual(['1', '2']));
    expect(choices('Ultralight Tent')).toEqual(['1', '2', '3']);
  });

  it('changes a quantity and removes a line', async () => {
    const { user } = await openCart([
      { productId: 'p_mug', quantity: 1 },
      { productId: 'p_tent', quantity: 1 },
    ]);
    await user.selectOptions(
      screen.getByRole('combobox', { name: 'Quantity of Stoneware Mug' }),
      '3',
    );
    await waitFor(() => expect(lineOf('Stoneware Mug').getByText('$54.00')).toBeTruthy());

    await user.click(screen.getByRole('button', { name: 'Remove Ultralight Tent' }));
    await waitFor(() => expect(screen.queryByRole('link', { name: 'Ultralight Tent' })).toBeNull());
    expect(screen.getByRole('link', { name: 'Cart, 3 items' })).toBeTruthy();

    await user.click(screen.getByRole('button', { name: 'Remove Stoneware Mug' }));
    expect(await screen.findByText('Your cart is empty.')).toBeTruthy();
  });

  it('sends a quantity once the choice settles, and only the last one', async () => {
    const { fake } = await openCart([{ productId: 'p_mug', quantity: 1 }]);
    const select = screen.getByRole('combobox', { name: 'Quantity of Stoneware Mug' });
    const sent = () => fake.calls('PUT', '/api/cart/items/p_mug').map((r) => r.body);
    vi.useFakeTimers();

    // Arrowing down through a closed select (Windows, Firefox): a change per key press.
    for (const quantity of ['2', '3', '4']) {
      fireEvent.change(select, { target: { value: quantity } });
      await act(() => vi.advanceTimersByTimeAsync(QUANTITY_SETTLE_MS / 2));
    }
    expect(select).toHaveProperty('value', '4');
    expect(select).toHaveProperty('disabled', false);
    expect(sent()).toEqual([]);

    await act(() => vi.advanceTimersByTimeAsync(QUANTITY_SETTLE_MS));
    expect(sent()).toEqual([{ quantity: 4 }]);
    vi.useRealTimers();
    await waitFor(() => expect(lineOf('Stoneware Mug').getByText('$72.00')).toBeTruthy());
    expect(select).toHaveProperty('value', '4');
    expect(sent()).toHaveLength(1);
  });

  it('sends a waiting quantity at once when the shopper moves on', async () => {
    const { user, fake } = await openCart([{ productId: 'p_mug', quantity: 1 }]);
    const select = screen.getByRole('combobox', { name: 'Quantity of Stoneware Mug' });
    select.focus();
    fireEvent.change(select, { target: { value: '3' } });

    await user.tab();

    expect(fake.calls('PUT', '/api/cart/items/p_mug').map((r) => r.body)).toEqual([
      { quantity: 3 },
    ]);
    await waitFor(() => expect(lineOf('Stoneware Mug').getByText('$54.00')).toBeTruthy());
  });

  it('updates the cart when checkout answers OUT_OF_STOCK, and says so', async () => {
    const { user, fake } = await openCart([
      { productId: 'p_mug', quantity: 3 },
      { productId: 'p_tent', quantity: 1 },
    ]);
    await user.click(screen.getByRole('link', { name: 'Check out' }));
    await screen.findByRole('button', { name: /Place order/ });
    // Another shopper buys mugs while this one types.
    fake.products.get('p_mug')!.stock = 2;
    await fillCheckout(user);
    await user.click(screen.getByRole('button', { name: /Place order/ }));

    const alert = await screen.findByText(
      'Only 2 left of Stoneware Mug — we updated your cart. Check your order and place it again.',
    );
    expect(alert).toBeTruthy();
    const summary = screen.getByRole('complementary', { name: 'Your order' });
    await waitFor(() => expect(within(summary).getByText('2 × Stoneware Mug')).toBeTruthy());
    expect(fake.calls('PUT', '/api/cart/items/p_mug')[0]?.body).toEqual({ quantity: 2 });
    expect(fake.orders).toHaveLength(0);

    await user.click(screen.getByRole('link', { name: 'Edit cart' }));
    await screen.findByRole('heading', { name: 'Summary' });
    expect(screen.getByRole('combobox', { name: 'Quantity of Stoneware Mug' })).toHaveProperty(
      'value',
      '2',
    );

    // The corrected cart goes through.
    await user.click(screen.getByRole('link', { name: 'Check out' }));
    await screen.findByRole('button', { name: /Place order/ });
    await fillCheckout(user);
    await user.click(screen.getByRole('button', { name: /Place order/ }));
    await screen.findByRole('heading', { name: 'Thank you for your order!' });
    expect(fake.orders[0]?.lines.map((l) => [l.productId, l.quantity])).toEqual([
      ['p_mug', 2],
      ['p_tent', 1],
    ]);
  });

  it('removes a line that sold out during checkout', async () => {
    const { user, fake } = await openCart([
      { productId: 'p_mug', quantity: 1 },
      { productId: 'p_tent', quantity: 1 },
    ]);
    await user.click(screen.getByRole('link', { name: 'Check out' }));
    await screen.findByRole('button', { name: /Place order/ });
    fake.products.get('p_tent')!.stock = 0;
    await fillCheckout(user);
    await user.click(screen.getByRole('button', { name: /Place order/ }));

    expect(
      await screen.findByText(/Ultralight Tent just sold out — we removed it from your cart\./),
    ).toBeTruthy();
    const summary = screen.getByRole('complementary', { name: 'Your order' });
    await waitFor(() => expect(within(summary).queryByText(/Ultralight Tent/)).toBeNull());
    expect(screen.getByRole('link', { name: 'Cart, 1 item' })).toBeTruthy();
  });

  it('keeps the explanation when the only line sold out and the cart is now empty', async () => {
    const { user, fake } = await openCart([{ productId: 'p_tent', quantity: 1 }]);
    await user.click(screen.getByRole('link', { name: 'Check out' }));
    await screen.findByRole('button', { name: /Place order/ });
    fake.products.get('p_tent')!.stock = 0;
    await fillCheckout(user);
    await user.click(screen.getByRole('button', { name: /Place order/ }));

    expect(await screen.findByText(/Your cart is empty/)).toBeTruthy();
    expect(screen.getByRole('alert').textContent).toBe(
      'Ultralight Tent just sold out — we removed it from your cart.',
    );
  });
});
