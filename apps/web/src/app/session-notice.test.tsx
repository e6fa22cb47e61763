import { aProduct } from '@sellout/core/testing/builders';
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { createFakeApi } from '../test/fake-api';
import { renderApp, signedInAs } from '../test/render-app';

const NOTICE =
  'Your session expired, so we started a new one. Your previous cart and orders are no longer available here.';
const ORDERS =
  'Orders placed before are no longer listed here; their confirmation emails have the details.';

const products = () => [
  aProduct({ id: 'p_mug', name: 'Stoneware Mug', priceCents: 1800, stock: 40 }),
  aProduct({ id: 'p_tent', name: 'Ultralight Tent', priceCents: 32999, stock: 2 }),
];

/** The cart page of a returning shopper with a mug and a tent, before their session expires. */
const openCart = async () => {
  const fake = createFakeApi({ products: products() });
  const old = signedInAs(fake, [
    { productId: 'p_mug', quantity: 2 },
    { productId: 'p_tent', quantity: 1 },
  ]);
  const app = renderApp('/cart', { api: fake });
  expect(await screen.findByRole('link', { name: 'Cart, 3 items' })).toBeTruthy();
  return { ...app, old };
};

const lineNames = () =>
  within(screen.getByRole('main'))
    .queryAllByRole('link')
    .map((link) => link.textContent)
    .filter((name) => name === 'Stoneware Mug' || name === 'Ultralight Tent');

describe('the notice of a replaced session', () => {
  it('tells the shopper once, until dismissed, when the store refused their session', async () => {
    const fake = createFakeApi();
    signedInAs(fake, []);
    fake.forgetSessions();
    const { user } = renderApp('/orders', { api: fake });

    expect(await screen.findByText(NOTICE)).toBeTruthy();
    expect(await screen.findByText('You have no orders yet.')).toBeTruthy();

    await user.click(screen.getByRole('button', { name: 'Dismiss this notice' }));
    expect(screen.queryByText(NOTICE)).toBeNull();
  });

  it('says nothing on a first visit, when the first session is created', async () => {
    renderApp('/orders');
    expect(await screen.findByText('You have no orders yet.')).toBeTruthy();
    expect(screen.queryByText(NOTICE)).toBeNull();
  });

  it('moves the cart on screen into the new session when the old one expires, and says so', async () => {
    const { user, fake, old } = await openCart();
    // SESSION_TTL_DAYS pass with the tab open; then the shopper removes the tent.
    fake.expireSessions();
    await user.click(await screen.findByRole('button', { name: 'Remove Ultralight Tent' }));

    const notice = await screen.findByRole('status');
    expect(notice.textContent).toContain(
      `Your session expired, so we started a new one and moved your cart into it. ${ORDERS}`,
    );
    // The refused removal was not sent again; the shopper sees their cart and decides.
    expect(
      await screen.findByText('Your session expired, so we started a new one — please try again.'),
    ).toBeTruthy();
    const session = JSON.parse(localStorage.getItem('sellout.session')!) as { token: string };
    expect(session.token).not.toBe(old.token);
    expect(fake.cartOf(session.token)).toEqual([
      { productId: 'p_mug', quantity: 2 },
      { productId: 'p_tent', quantity: 1 },
    ]);
    expect(await screen.findByRole('link', { name: 'Cart, 3 items' })).toBeTruthy();
    expect(lineNames()).toEqual(['Stoneware Mug', 'Ultralight Tent']);

    // Trying again works under the new session.
    await user.click(await screen.findByRole('button', { name: 'Remove Ultralight Tent' }));
    await waitFor(() => expect(lineNames()).toEqual(['Stoneware Mug']));
    expect(fake.cartOf(session.token)).toEqual([{ productId: 'p_mug', quantity: 2 }]);
  });

  it('names the lines it could not move, and moves the rest', async () => {
    const { fake, queryClient } = await openCart();
    fake.expireSessions();
    // The tent is no longer sold by the time the cart is read again.
    fake.products.delete('p_tent');
    await queryClient.refetchQueries({ queryKey: ['cart'] });

    const notice = await screen.findByRole('status');
    expect(notice.textContent).toContain(
      `Your session expired, so we started a new one and moved your cart into it, except Ultralight Tent. ${ORDERS}`,
    );
    expect(await screen.findByRole('link', { name: 'Cart, 2 items' })).toBeTruthy();
    expect(lineNames()).toEqual(['Stoneware Mug']);
  });
});
