import { aProduct } from '@sellout/core/testing/builders';
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { createFakeApi } from '../../test/fake-api';
import { createFakeSockets } from '../../test/fake-socket';
import { renderApp } from '../../test/render-app';

const sneaker = aProduct({
  id: 'p_sneaker',
  name: 'Retro High Crimson',
  priceCents: 17999,
  stock: 8,
  maxPerOrder: 1,
});
const lamp = aProduct({ id: 'p_lamp', name: 'Brass Desk Lamp', stock: 0 });
const mug = aProduct({ id: 'p_mug', name: 'Stoneware Mug', stock: 40, priceCents: 1800 });

const openProduct = async (id: string, options: Parameters<typeof renderApp>[1] = {}) => {
  const app = renderApp(`/products/${id}`, {
    api: createFakeApi({ products: [sneaker, lamp, mug] }),
    ...options,
  });
  await screen.findByRole('heading', { level: 1 });
  return app;
};

describe('the product page', () => {
  it('disables both buttons when the product is sold out', async () => {
    await openProduct('p_lamp');
    expect(screen.getByRole('heading', { level: 1, name: 'Brass Desk Lamp' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Add to cart' })).toHaveProperty('disabled', true);
    expect(screen.getByRole('button', { name: 'Buy now' })).toHaveProperty('disabled', true);
    expect(screen.getAllByText('Sold out').length).toBeGreaterThan(0);
  });

  it('shows the flash-sale badge and holds the shopper to its limit before asking the API', async () => {
    const { user, fake } = await openProduct('p_sneaker');
    expect(screen.getByText('Flash sale')).toBeTruthy();
    expect(screen.getByText('Limit 1 per order')).toBeTruthy();
    expect(screen.getByText('Only 8 left')).toBeTruthy();
    expect(screen.getByText('$179.99')).toBeTruthy();

    const quantity = screen.getByLabelText('Quantity');
    await user.clear(quantity);
    await user.type(quantity, '2');
    await user.click(screen.getByRole('button', { name: 'Add to cart' }));

    expect(screen.getByText('Limit 1 per order.')).toBeTruthy();
    expect(quantity.getAttribute('aria-invalid')).toBe('true');
    expect(fake.calls('POST', '/api/cart')).toHaveLength(0);
  });

  it('counts what is already in the cart: adding past the limit says so instead of "Added"', async () => {
    const pair = aProduct({ id: 'p_pair', name: 'Runner Pair', stock: 10, maxPerOrder: 2 });
    const { user, fake } = renderApp('/products/p_pair', {
      api: createFakeApi({ products: [pair] }),
    });
    await screen.findByRole('heading', { level: 1, name: 'Runner Pair' });
    const quantity = screen.getByLabelText('Quantity');
    await user.clear(quantity);
    await user.type(quantity, '2');
    await user.click(screen.getByRole('button', { name: 'Add to cart' }));
    expect(await screen.findByText(/Added 2 items to your cart/)).toBeTruthy();

    await user.click(screen.getByRole('button', { name: 'Add to cart' }));

    expect(
      await screen.findByText('Limit 2 per order — you already have 2 in your cart.'),
    ).toBeTruthy();
    expect(screen.queryByText(/Added/)).toBeNull();
    expect(fake.calls('POST', '/api/cart')).toHaveLength(1);
  });

  it('adds to the cart, says so, updates the cart icon and records add-to-cart', async () => {
    const { user, fake } = await openProduct('p_mug');
    const quantity = screen.getByLabelText('Quantity');
    await user.clear(quantity);
    await user.type(quantity, '2');
    await user.click(screen.getByRole('button', { name: 'Add to cart' }));

    expect(await screen.findByText(/Added 2 items to your cart/)).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Cart, 2 items' })).toBeTruthy();
    expect(fake.calls('POST', '/api/cart')[0]?.body).toEqual({ productId: 'p_mug', quantity: 2 });
    await waitFor(() =>
      expect(fake.calls('POST', '/api/events').map((r) => r.body)).toContainEqual({
        productId: 'p_mug',
        eventType: 'add-to-cart',
      }),
    );
  });

  it('records one product-view per visit', async () => {
    const { fake } = await openProduct('p_mug');
    await waitFor(() => expect(fake.calls('POST', '/api/events')).toHaveLength(1));
    expect(fake.calls('POST', '/api/events')[0]?.body).toEqual({
      productId: 'p_mug',
      eventType: 'product-view',
    });
  });

  it('"Buy now" opens checkout for just that item', async () => {
    const { user } = await openProduct('p_mug');
    await user.click(screen.getByRole('button', { name: 'Buy now' }));
    expect(await screen.findByRole('heading', { name: 'Buy now' })).toBeTruthy();
    const summary = await screen.findByRole('complementary', { name: 'Your order' });
    expect(within(summary).getByText('1 × Stoneware Mug')).toBeTruthy();
  });

  it('shows live stock as it changes, down to sold out', async () => {
    const sockets = createFakeSockets();
    await openProduct('p_sneaker', { createSocket: sockets.create });
    sockets.latest().open();

    sockets.latest().receive({
      type: 'stock',
      productId: 'p_sneaker',
      stock: 3,
      version: sneaker.version + 1,
    });
    expect(await screen.findByText('Only 3 left')).toBeTruthy();

    sockets.latest().receive({
      type: 'stock',
      productId: 'p_sneaker',
      stock: 0,
      version: sneaker.version + 2,
    });
    await waitFor(() =>
      expect(screen.getByRole('button', { name: 'Buy now' })).toHaveProperty('disabled', true),
    );
    // A late message from before cannot bring it back.
    sockets.latest().receive({
      type: 'stock',
      productId: 'p_sneaker',
      stock: 3,
      version: sneaker.version + 1,
    });
    expect(screen.getByRole('button', { name: 'Add to cart' })).toHaveProperty('disabled', true);
  });

  it('announces live stock changes with the product’s name, and only once', async () => {
    const sockets = createFakeSockets();
    await openProduct('p_sneaker', { createSocket: sockets.create });
    sockets.latest().open();
    const announced = () =>
      [...document.querySelectorAll('[aria-live]')]
        .map((region) => region.textContent ?? '')
        .filter((text) => /left|sold out/i.test(text));
    expect(announced()).toEqual(['Retro High Crimson: only 8 left']);

    sockets.latest().receive({
      type: 'stock',
      productId: 'p_sneaker',
      stock: 3,
      version: sneaker.version + 1,
    });

    // Seen as "Only 3 left", heard as the product's name and its stock.
    expect(await screen.findByText('Only 3 left')).toBeTruthy();
    expect(announced()).toEqual(['Retro High Crimson: only 3 left']);
    expect(screen.getByText('Only 3 left').closest('[aria-hidden="true"]')).not.toBeNull();

    sockets.latest().receive({
      type: 'stock',
      productId: 'p_sneaker',
      stock: 0,
      version: sneaker.version + 2,
    });
    await waitFor(() => expect(announced()).toEqual(['Retro High Crimson: sold out']));
  });

  it('says so when the product does not exist', async () => {
    await openProduct('p_missing');
    expect(screen.getByRole('heading', { name: 'We couldn’t find that product' })).toBeTruthy();
  });
});
