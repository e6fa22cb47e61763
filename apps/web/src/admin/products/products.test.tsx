import { aProduct } from '@sellout/core/testing/builders';
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { createFakeApi } from '../../test/fake-api';
import { renderApp, signedInAsAdmin } from '../../test/render-app';
import { fromLocalInput, toFields, toLocalInput, valuesOf } from './product-values';

const inAnHour = new Date(Date.now() + 3_600_000).toISOString();
const catalog = [
  aProduct({ id: 'p_01', name: 'Brass Desk Lamp', sku: 'LAMP-1', category: 'home', stock: 4 }),
  aProduct({
    id: 'p_02',
    name: 'Retro High Crimson',
    sku: 'SNK-RED',
    category: 'sneakers',
    priceCents: 17999,
    stock: 30,
    saleStartsAt: inAnHour,
  }),
  aProduct({ id: 'p_03', name: 'Walnut Chair', sku: 'CHAIR', category: 'home', stock: 0 }),
];

const openConsole = (path: string) => {
  const fake = createFakeApi({ products: catalog });
  signedInAsAdmin(fake);
  return renderApp(path, { api: fake });
};

const rowOf = (name: string) =>
  screen.getByRole('rowheader', { name: new RegExp(name) }).closest('tr')!;

const cells = (row: HTMLElement) =>
  Object.fromEntries(
    within(row)
      .getAllByRole('cell')
      .map((cell) => [cell.dataset.label, cell.textContent]),
  );

describe('the products table', () => {
  it('shows price, stock, units sold and whether each product is on sale', async () => {
    const app = openConsole('/admin');
    app.fake.orders.push({
      id: 'o_0001',
      number: 'AAAA-0001',
      userId: 'u_1',
      status: 'PROCESSED',
      lines: [
        {
          productId: 'p_01',
          name: 'Brass Desk Lamp',
          priceCents: 1000,
          quantity: 3,
          lineTotalCents: 3000,
        },
      ],
      totalCents: 3000,
      currency: 'USD',
      email: 'ana@example.com',
      shipping: {
        name: 'Ana',
        line1: '1 Main St',
        city: 'Springfield',
        postalCode: '1',
        country: 'US',
      },
      createdAt: new Date().toISOString(),
      processedAt: null,
      failureReason: null,
      invoiceUrl: null,
    });
    await screen.findByRole('heading', { level: 1, name: 'Products' });
    await waitFor(() => expect(screen.getAllByRole('row')).toHaveLength(4));

    expect(cells(rowOf('Brass Desk Lamp'))).toMatchObject({
      Category: 'Home',
      Price: '$10.00',
      Stock: '4',
      Sold: '3',
      Status: 'On sale',
    });
    expect(within(rowOf('Brass Desk Lamp')).getByText('LAMP-1')).toBeTruthy();
    expect(cells(rowOf('Retro High Crimson'))).toMatchObject({
      Price: '$179.99',
      Stock: '30',
      Sold: '0',
    });
    expect(cells(rowOf('Retro High Crimson')).Status).toMatch(/^ScheduledOpens .+Watch the drop$/);
    expect(cells(rowOf('Walnut Chair')).Status).toBe('Sold out');
  });

  it('finds products by name or SKU and narrows them to a category', async () => {
    const { user } = openConsole('/admin');
    await screen.findByRole('rowheader', { name: /Brass Desk Lamp/ });
    await user.type(screen.getByLabelText('Search by name or SKU'), 'snk');
    expect(screen.getAllByRole('rowheader').map((h) => h.textContent)).toEqual([
      'Retro High CrimsonSNK-RED',
    ]);
    await user.clear(screen.getByLabelText('Search by name or SKU'));
    await user.selectOptions(screen.getByLabelText('Category'), 'home');
    expect(screen.getAllByRole('rowheader')).toHaveLength(2);
    expect(screen.getByText('Showing 2 products of 3.')).toBeTruthy();
    await user.type(screen.getByLabelText('Search by name or SKU'), 'nothing like it');
    expect(
      screen.getByText('No product matches — change the search or the category.'),
    ).toBeTruthy();
  });
});

describe('the product form', () => {
  it('creates a product with every field, the drop time included', async () => {
    const { user, fake, router } = openConsole('/admin/products/new');
    await screen.findByRole('heading', { level: 1, name: 'New product' });
    await user.type(screen.getByLabelText('Name'), 'Night Runner');
    await user.type(screen.getByLabelText('SKU'), 'NIGHT-1');
    await user.type(screen.getByLabelText('Description'), 'Glows in the dark.');
    await user.type(screen.getByLabelText('Category'), 'sneakers');
    await user.type(screen.getByLabelText('Image URL'), '/images/products/night.svg');
    await user.type(screen.getByLabelText('Price (USD)'), '129.5');
    await user.clear(screen.getByLabelText('Stock (units)'));
    await user.type(screen.getByLabelText('Stock (units)'), '40');
    await user.type(screen.getByLabelText('Limit per order'), '2');
    await user.type(screen.getByLabelText('Limit per customer'), '2');
    const drop = screen.getByLabelText('Goes on sale at');
    await user.type(drop, '2030-12-12T12:00:05');
    await user.click(screen.getByRole('button', { name: 'Create product' }));

    await screen.findByText('Night Runner created.');
    expect(fake.calls('POST', '/api/admin/products')[0]?.body).toEqual({
      name: 'Night Runner',
      sku: 'NIGHT-1',
      description: 'Glows in the dark.',
      category: 'sneakers',
      imageUrl: '/images/products/night.svg',
      priceCents: 12950,
      stock: 40,
      maxPerOrder: 2,
      maxPerCustomer: 2,
      saleStartsAt: new Date(2030, 11, 12, 12, 0, 5).toISOString(),
    });
    expect(router.state.location.pathname).toBe('/admin/products/p_new1');
    await screen.findByRole('heading', { level: 1, name: 'Night Runner' });
  });

  it("shows the server's refusals next to the fields they are about", async () => {
    const { user } = openConsole('/admin/products/new');
    await screen.findByRole('heading', { level: 1, name: 'New product' });
    await user.type(screen.getByLabelText('Name'), 'Copy Lamp');
    await user.type(screen.getByLabelText('SKU'), 'LAMP-1');
    await user.type(screen.getByLabelText('Description'), 'Same SKU.');
    await user.type(screen.getByLabelText('Category'), 'Home Office');
    await user.type(screen.getByLabelText('Image URL'), 'http://insecure.example/x.png');
    await user.type(screen.getByLabelText('Price (USD)'), '10');
    await user.click(screen.getByRole('button', { name: 'Create product' }));

    const category = screen.getByLabelText('Category');
    await waitFor(() => expect(category.getAttribute('aria-invalid')).toBe('true'));
    const describedBy = (field: HTMLElement) =>
      (field.getAttribute('aria-describedby') ?? '')
        .split(' ')
        .map((id) => document.getElementById(id)?.textContent)
        .join(' ');
    expect(describedBy(category)).toMatch(/lowercase slug/);
    expect(describedBy(screen.getByLabelText('Image URL'))).toMatch(/https: URL/);
    expect(
      screen.getByText('Some fields need fixing — see the messages next to them.'),
    ).toBeTruthy();
    expect(document.activeElement).toBe(category);

    await user.clear(category);
    await user.type(category, 'home');
    await user.clear(screen.getByLabelText('Image URL'));
    await user.type(screen.getByLabelText('Image URL'), '/images/products/x.svg');
    await user.click(screen.getByRole('button', { name: 'Create product' }));
    const sku = screen.getByLabelText('SKU');
    await waitFor(() => expect(describedBy(sku)).toMatch(/Already used by p_01/));
  });

  it('checks money and whole numbers itself before asking the server', async () => {
    const { user, fake } = openConsole('/admin/products/new');
    await screen.findByRole('heading', { level: 1, name: 'New product' });
    await user.type(screen.getByLabelText('Price (USD)'), '12.345');
    await user.type(screen.getByLabelText('Limit per order'), '0');
    await user.click(screen.getByRole('button', { name: 'Create product' }));
    expect(screen.getByText('Enter a price like 24.99.')).toBeTruthy();
    expect(screen.getByText('Enter a whole number of at least 1, or leave it empty.')).toBeTruthy();
    expect(document.activeElement).toBe(screen.getByLabelText('Price (USD)'));
    expect(fake.calls('POST', '/api/admin/products')).toHaveLength(0);
  });

  it('edits only what changed, clears a drop time, and restocks', async () => {
    const { user, fake } = openConsole('/admin/products/p_02');
    await screen.findByRole('heading', { level: 1, name: 'Retro High Crimson' });
    expect(screen.getByText('Scheduled')).toBeTruthy();
    const price = screen.getByLabelText('Price (USD)');
    expect((price as HTMLInputElement).value).toBe('179.99');
    await user.clear(price);
    await user.type(price, '149.99');
    await user.click(screen.getByRole('button', { name: 'Clear drop time' }));
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    await screen.findByText('Changes saved.');
    expect(fake.calls('PATCH', '/api/admin/products/p_02')[0]?.body).toEqual({
      priceCents: 14999,
      saleStartsAt: null,
    });
    await waitFor(() => expect(screen.getByText('On sale')).toBeTruthy());

    await user.type(screen.getByLabelText('Units to add'), '12');
    await user.click(screen.getByRole('button', { name: 'Add to stock' }));
    await screen.findByText('Added 12: 42 in stock now.');
    expect(fake.calls('POST', '/api/admin/products/p_02/restock')[0]?.body).toEqual({
      quantity: 12,
    });
  });

  it('sets a drop time on a product on sale', async () => {
    const { user, fake } = openConsole('/admin/products/p_01');
    await screen.findByRole('heading', { level: 1, name: 'Brass Desk Lamp' });
    await user.type(screen.getByLabelText('Goes on sale at'), '2031-01-02T03:04:05');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    await screen.findByText('Changes saved.');
    expect(fake.calls('PATCH', '/api/admin/products/p_01')[0]?.body).toEqual({
      saleStartsAt: new Date(2031, 0, 2, 3, 4, 5).toISOString(),
    });
    await waitFor(() => expect(screen.getByText('Scheduled')).toBeTruthy());
  });
});

describe('product form values', () => {
  it('turns what was typed into the API fields, and back', () => {
    const product = catalog[1]!;
    const values = valuesOf(product);
    expect(values.price).toBe('179.99');
    expect(fromLocalInput(values.saleStartsAt)).toBe(
      new Date(Math.floor(Date.parse(inAnHour) / 1000) * 1000).toISOString(),
    );
    expect(toLocalInput(null)).toBe('');
    expect(fromLocalInput('2026-12-12T12:00')).toBe(new Date(2026, 11, 12, 12, 0).toISOString());
    expect(fromLocalInput('tomorrow')).toBeNull();
    const converted = toFields({ ...values, price: '1,5', maxPerOrder: '', maxPerCustomer: '3' });
    expect(converted).toMatchObject({
      ok: true,
      fields: { priceCents: 150, maxPerOrder: null, maxPerCustomer: 3 },
    });
  });
});
