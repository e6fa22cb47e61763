import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderApp } from '../test/render-app';

describe('routing', () => {
  it('shows a not-found page for an unknown address, inside the shop layout', async () => {
    renderApp('/no/such/page');
    expect(await screen.findByRole('heading', { name: 'Page not found' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Back to the shop' }).getAttribute('href')).toBe('/');
    expect(screen.getByRole('navigation', { name: 'Main' })).toBeTruthy();
  });

  it('has a header with the logo, navigation and the cart', async () => {
    const { user, router } = renderApp('/no/such/page');
    const nav = screen.getByRole('navigation', { name: 'Main' });
    expect(within(nav).getByRole('link', { name: 'Shop' })).toBeTruthy();
    expect(await screen.findByRole('link', { name: 'Cart, 0 items' })).toBeTruthy();

    await user.click(within(nav).getByRole('link', { name: 'Orders' }));
    expect(await screen.findByRole('heading', { name: 'Your orders' })).toBeTruthy();
    expect(router.state.location.pathname).toBe('/orders');
  });

  it('offers a skip link to the page content', () => {
    renderApp('/no/such/page');
    expect(screen.getByRole('link', { name: 'Skip to content' }).getAttribute('href')).toBe(
      '#main',
    );
  });

  it('refuses an incomplete "Buy now" link in words', async () => {
    renderApp('/checkout?product=not-an-id');
    expect(await screen.findByText(/This “Buy now” link is not complete/)).toBeTruthy();
  });
});
