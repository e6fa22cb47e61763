import { aProduct } from '@sellout/core/testing/builders';
import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { apiError, createFakeApi } from '../../test/fake-api';
import { renderApp, signedInAs, signedInAsAdmin } from '../../test/render-app';

const lamp = aProduct({ id: 'p_lamp', name: 'Brass Desk Lamp', stock: 4 });

const openConsole = (path = '/admin') => {
  const fake = createFakeApi({ products: [lamp] });
  return renderApp(path, { api: fake });
};

const signIn = async ({ user }: Pick<ReturnType<typeof renderApp>, 'user'>, token: string) => {
  const field = await screen.findByLabelText('Admin token');
  await user.clear(field);
  await user.type(field, token);
  await user.click(screen.getByRole('button', { name: 'Sign in' }));
};

describe('signing in to the admin console', () => {
  it('asks for the admin token in a password field, and opens on the products table', async () => {
    const app = openConsole();
    const field = await screen.findByLabelText('Admin token');
    expect(field.getAttribute('type')).toBe('password');
    await signIn(app, app.fake.adminToken);
    await screen.findByRole('heading', { level: 1, name: 'Products' });
    expect(screen.getByRole('rowheader', { name: /Brass Desk Lamp/ })).toBeTruthy();
    // Kept for this tab only.
    expect(sessionStorage.getItem('sellout.admin-token')).toBe(app.fake.adminToken);
    expect(JSON.stringify({ ...localStorage })).not.toContain(app.fake.adminToken);
  });

  it('says in words that a wrong token is wrong, and where the right one is', async () => {
    const app = openConsole();
    await signIn(app, 'not-the-admin-token-at-all');
    const problem = await screen.findByText(/^That is not this shop’s admin token\./);
    expect(problem.textContent).toContain('secrets.json');
    expect(screen.getByLabelText('Admin token').getAttribute('aria-invalid')).toBe('true');
    expect(screen.queryByRole('heading', { name: 'Products' })).toBeNull();
    expect(sessionStorage.getItem('sellout.admin-token')).toBeNull();
  });

  it("refuses a shopper's token in words (the API answers 403)", async () => {
    const fake = createFakeApi({ products: [lamp] });
    const shopper = signedInAs(fake);
    const app = renderApp('/admin', { api: fake });
    await signIn(app, shopper.token);
    await screen.findByText(
      'That is a shopper’s session token, not the admin token: it cannot open the console.',
    );
    const tried = fake.calls('GET', '/api/admin/orders').at(-1);
    expect(tried?.headers.get('Authorization')).toBe(`Bearer ${shopper.token}`);
    expect(screen.queryByRole('heading', { name: 'Products' })).toBeNull();
  });

  it('signs out with a message when the shop stops accepting the token', async () => {
    const fake = createFakeApi({ products: [lamp] });
    signedInAsAdmin(fake);
    const app = renderApp('/admin/orders', { api: fake });
    await screen.findByRole('heading', { level: 1, name: 'Orders' });
    fake.override((request) =>
      request.path.startsWith('/api/admin/') ? apiError(401, 'UNAUTHORIZED') : undefined,
    );
    await app.user.click(screen.getByRole('link', { name: 'Products' }));
    await screen.findByText(/^The shop no longer accepts that admin token/);
    expect(screen.getByLabelText('Admin token')).toBeTruthy();
    expect(sessionStorage.getItem('sellout.admin-token')).toBeNull();
  });

  it('signs out on request, forgetting the token', async () => {
    const fake = createFakeApi({ products: [lamp] });
    signedInAsAdmin(fake);
    const app = renderApp('/admin', { api: fake });
    await screen.findByRole('heading', { level: 1, name: 'Products' });
    await app.user.click(screen.getByRole('button', { name: 'Sign out' }));
    await screen.findByText('You signed out.');
    await waitFor(() => expect(sessionStorage.getItem('sellout.admin-token')).toBeNull());
  });

  it('is not part of the shop: the storefront has no link to it and loads without it', async () => {
    renderApp('/', { api: createFakeApi({ products: [lamp] }) });
    await screen.findByRole('link', { name: /Brass Desk Lamp/ });
    expect(screen.queryByRole('link', { name: /admin/i })).toBeNull();
  });
});
