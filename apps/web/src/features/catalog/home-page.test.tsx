import { aProduct } from '@sellout/core/testing/builders';
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { createFakeApi } from '../../test/fake-api';
import { createFakeSockets } from '../../test/fake-socket';
import { renderApp } from '../../test/render-app';
import { PRODUCTS_PAGE_SIZE } from './get-products';

const catalog = () => [
  aProduct({ id: 'p_drop', name: 'Crimson High', category: 'sneakers', stock: 3, maxPerOrder: 1 }),
  aProduct({ id: 'p_gone', name: 'Brass Lamp', category: 'home', stock: 0 }),
  aProduct({ id: 'p_phones', name: 'Studio Headphones', category: 'audio', stock: 120 }),
  ...Array.from({ length: PRODUCTS_PAGE_SIZE }, (_, i) =>
    aProduct({ id: `p_mug${i}`, name: `Mug ${i + 1}`, category: 'home', stock: 50 }),
  ),
];

const catalogGrid = () => screen.getByRole('list', { name: /All products|Home|Audio|Sneakers/ });
const card = (name: string) => {
  const article = screen.getAllByRole('link', { name }).at(-1)?.closest('article');
  if (!article) throw new Error(`no card for ${name}`);
  return within(article);
};

describe('the home page', () => {
  it('shows the catalog with live stock badges', async () => {
    renderApp('/', { api: createFakeApi({ products: catalog() }) });
    await screen.findByRole('list', { name: 'All products' });

    expect(within(catalogGrid()).getAllByRole('listitem')).toHaveLength(PRODUCTS_PAGE_SIZE);
    expect(card('Crimson High').getByText('Only 3 left')).toBeTruthy();
    expect(card('Crimson High').getByText('Flash sale')).toBeTruthy();
    expect(card('Crimson High').getByText('Limit 1 per order')).toBeTruthy();
    expect(card('Brass Lamp').getByText('Sold out')).toBeTruthy();
    expect(card('Studio Headphones').queryByText(/left|Sold out/)).toBeNull();
    expect(card('Studio Headphones').getByRole('img', { name: 'Studio Headphones' })).toBeTruthy();
  });

  it('does not make screen readers announce every card’s stock as it changes', async () => {
    const sockets = createFakeSockets();
    renderApp('/', { api: createFakeApi({ products: catalog() }), createSocket: sockets.create });
    await screen.findByRole('list', { name: 'All products' });
    sockets.latest().open();

    sockets.latest().receive({ type: 'stock', productId: 'p_drop', stock: 2, version: 99 });

    expect(await card('Crimson High').findByText('Only 2 left')).toBeTruthy();
    expect(catalogGrid().querySelectorAll('[aria-live], [role="status"]')).toHaveLength(0);
  });

  it('loads the next page with the cursor', async () => {
    const { user, fake } = renderApp('/', { api: createFakeApi({ products: catalog() }) });
    await screen.findByRole('list', { name: 'All products' });

    await user.click(screen.getByRole('button', { name: 'Load more' }));

    await waitFor(() =>
      expect(within(catalogGrid()).getAllByRole('listitem')).toHaveLength(PRODUCTS_PAGE_SIZE + 3),
    );
    expect(screen.queryByRole('button', { name: 'Load more' })).toBeNull();
    const cursors = fake
      .calls('GET', '/api/products')
      .filter((r) => r.query.get('limit') === String(PRODUCTS_PAGE_SIZE))
      .map((r) => r.query.get('cursor'));
    expect(cursors).toEqual([null, String(PRODUCTS_PAGE_SIZE)]);
  });

  it('filters by category through the URL', async () => {
    const { user, router } = renderApp('/', { api: createFakeApi({ products: catalog() }) });
    const filters = await screen.findByRole('navigation', { name: 'Categories' });
    await within(filters).findByRole('link', { name: 'Audio' });
    expect(
      within(filters)
        .getAllByRole('link')
        .map((link) => link.textContent),
    ).toEqual(['All', 'Sneakers', 'Home', 'Audio']);

    await user.click(within(filters).getByRole('link', { name: 'Audio' }));

    const grid = await screen.findByRole('list', { name: 'Audio' });
    expect(within(grid).getAllByRole('listitem')).toHaveLength(1);
    expect(router.state.location.search).toBe('?category=audio');
    expect(within(filters).getByRole('link', { name: 'Audio' }).getAttribute('aria-current')).toBe(
      'page',
    );
  });

  it('says "no such category" for a category the shop does not have, with no chip for it', async () => {
    renderApp('/?category=spaceships', { api: createFakeApi({ products: catalog() }) });
    expect(await screen.findByRole('heading', { name: 'No such category' })).toBeTruthy();
    expect(screen.getByText('The shop has no category called “spaceships”.')).toBeTruthy();
    expect(screen.queryByRole('link', { name: 'Spaceships' })).toBeNull();
    expect(screen.queryByRole('list', { name: 'Spaceships' })).toBeNull();
    expect(screen.getByRole('link', { name: 'See all products' }).getAttribute('href')).toBe('/');
  });

  it('opens on the category in a shared link', async () => {
    renderApp('/?category=sneakers', { api: createFakeApi({ products: catalog() }) });
    const grid = await screen.findByRole('list', { name: 'Sneakers' });
    expect(within(grid).getByRole('link', { name: 'Crimson High' })).toBeTruthy();
    expect(within(grid).getAllByRole('listitem')).toHaveLength(1);
  });

  it('shows "Recommended for you" from the shopper’s recommendations', async () => {
    const { fake } = renderApp('/', { api: createFakeApi({ products: catalog() }) });
    const row = await screen.findByRole('region', { name: 'Recommended for you' });
    await waitFor(() => expect(within(row).getAllByRole('listitem')).toHaveLength(4));
    expect(within(row).queryByText('Brass Lamp')).toBeNull();
    expect(fake.calls('GET', '/api/recommendations')[0]?.query.get('limit')).toBe('4');
  });

  it('updates a card’s badge from a live stock message', async () => {
    const sockets = createFakeSockets();
    renderApp('/', { api: createFakeApi({ products: catalog() }), createSocket: sockets.create });
    await screen.findByRole('list', { name: 'All products' });
    sockets.latest().open();
    sockets.latest().receive({ type: 'stock', productId: 'p_phones', stock: 0, version: 99 });
    await waitFor(() => expect(card('Studio Headphones').getByText('Sold out')).toBeTruthy());
  });

  it('says the shop cannot be reached (not "you are offline") when the catalog does not answer', async () => {
    const fake = createFakeApi({ products: catalog() });
    fake.setNetwork('down');
    renderApp('/', { api: fake });
    expect((await screen.findByRole('alert')).textContent).toMatch(
      /We can’t reach the shop right now/,
    );
  });
});
