import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { skipWithoutChromium } from './browser';
import { useBrowserAndShop } from './browser-and-shop';
import { MOBILE, recordViolations, sidewaysScroll, signInToConsole, WAIT_MS } from './storefront';

const OWNER_EMAIL = 'owner@shop.example';

describe.skipIf(skipWithoutChromium())('the admin console in a real browser', () => {
  // Two attempts a few hundred milliseconds apart: an order gets stuck in seconds, not minutes.
  const { shop, shopper } = useBrowserAndShop({
    WORKER_MAX_ATTEMPTS: '2',
    WORKER_RETRY_BASE_MS: '200',
    OWNER_EMAIL,
  });

  it('a stuck order (tok_error, dead-lettered) is retried from the console and becomes processed', async () => {
    const product = await shop().createProduct({ name: 'Outage Kettle', stock: 5 });
    const placed = await shop().buyAsAnotherShopper(product.id, 1, 'tok_error');
    const { number } = placed.order;
    const { context, page } = await shopper();
    await signInToConsole(page, shop().adminToken);
    await page.getByRole('link', { name: 'Orders' }).click();
    await page.getByRole('heading', { level: 1, name: 'Orders' }).waitFor();

    // The worker gives up after its attempts; the list, which reads itself again, shows it.
    const row = page
      .getByRole('row')
      .filter({ has: page.getByRole('link', { name: `#${number}` }) });
    await row.getByText('Stuck', { exact: true }).waitFor({ timeout: 3 * WAIT_MS });
    expect(await row.getAttribute('class')).toContain('admin-table__row--stuck');
    await row.getByText(/could not/i).waitFor();
    await page.getByText(/^1 order is stuck/).waitFor();
    // The owner was emailed about it, once.
    const alerts = () =>
      readdirSync(join(shop().dataDir, 'mail')).filter((file) => file.includes('stuck-alert'));
    expect(alerts()).toEqual([`${placed.orderId}.stuck-alert.eml`]);

    await row.getByRole('button', { name: `Retry order #${number}` }).click();
    await row.getByText('Processed', { exact: true }).waitFor({ timeout: 3 * WAIT_MS });
    expect((await row.getAttribute('class')) ?? '').not.toContain('stuck');

    // Its page has everything about it, the invoice included.
    await row.getByRole('link', { name: `#${number}` }).click();
    await page.getByRole('heading', { level: 1, name: `Order #${number}` }).waitFor();
    await page.getByRole('button', { name: 'View invoice' }).click();
    await page.getByRole('figure', { name: `Invoice for order #${number}` }).waitFor();
    expect(alerts()).toHaveLength(1);
    expect(existsSync(join(shop().dataDir, 'mail', `${placed.orderId}.confirmation.eml`))).toBe(
      true,
    );
    await context.close();
  });

  it('cancels a pending order from its page: the stock comes back, the customer is told', async () => {
    const product = await shop().createProduct({ name: 'Cancel Lamp', stock: 3 });
    // tok_error keeps it PENDING long enough to cancel (its first retry waits).
    const placed = await shop().buyAsAnotherShopper(product.id, 2, 'tok_error');
    expect((await shop().product(product.id)).stock).toBe(1);
    const { context, page } = await shopper();
    await signInToConsole(page, shop().adminToken);
    await page.getByRole('heading', { level: 1, name: 'Products' }).waitFor();
    await page.goto('/admin/orders');
    const search = page.getByLabel('Order number or customer email');
    await search.fill(placed.order.number.toLowerCase());
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByRole('link', { name: `#${placed.order.number}` }).click();
    await page.getByRole('button', { name: 'Cancel and release stock…' }).click();
    await page.getByLabel('Reason (the customer reads it)').fill('We cannot ship to this address.');
    await page.getByRole('button', { name: 'Cancel order and release stock' }).click();
    await page.getByText('Cancelled: We cannot ship to this address.').waitFor();
    expect((await shop().product(product.id)).stock).toBe(3);
    expect(existsSync(join(shop().dataDir, 'mail', `${placed.orderId}.cancelled.eml`))).toBe(true);
    await context.close();
  });

  it('refuses a wrong token and a shopper token in words', async () => {
    const { context, page } = await shopper();
    await signInToConsole(page, 'not-the-admin-token-0000');
    await page.getByText(/^That is not this shop’s admin token\./).waitFor();
    const shopperToken = await shop().store.newShopper();
    await page.getByLabel('Admin token').fill(shopperToken);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page
      .getByText(
        'That is a shopper’s session token, not the admin token: it cannot open the console.',
      )
      .waitFor();
    expect(await page.evaluate(() => sessionStorage.length)).toBe(0);
    await context.close();
  });

  it('runs under the strict Content Security Policy and fits a 375 px phone, every page', async () => {
    const product = await shop().createProduct({
      name: 'An Extra-Long Product Name That Must Wrap On A Narrow Phone Screen',
      stock: 4,
    });
    await shop().buyAsAnotherShopper(product.id, 1);
    const { context, page } = await shopper(MOBILE);
    const recorded = await recordViolations(page);
    const overflowing: Record<string, unknown> = {};
    const check = async (name: string) => {
      const found = await sidewaysScroll(page);
      if (found) overflowing[name] = found;
    };

    await page.goto('/admin');
    await page.getByLabel('Admin token').waitFor();
    await check('sign in');
    await page.getByLabel('Admin token').fill(shop().adminToken);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('rowheader', { name: new RegExp(product.name) }).waitFor();
    await check('products');

    await page.getByRole('link', { name: product.name }).click();
    await page.getByRole('heading', { level: 1, name: product.name }).waitFor();
    await check('edit product');

    await page.getByRole('link', { name: 'Orders' }).click();
    await page.getByRole('link', { name: /^#/ }).first().waitFor();
    await check('orders');
    await page.getByRole('link', { name: /^#/ }).first().click();
    await page.getByRole('heading', { level: 1, name: /^Order #/ }).waitFor();
    await check('order');

    await page.getByRole('link', { name: 'Drop board' }).click();
    await page.getByLabel('Product to watch').selectOption({ label: product.name });
    await page.getByRole('heading', { level: 2, name: product.name }).waitFor();
    await page.getByText('Live', { exact: true }).waitFor();
    await check('drop board');

    expect(overflowing).toEqual({});
    expect(await recorded.violations()).toEqual([]);
    expect(recorded.consoleErrors).toEqual([]);
    // A reload keeps the console signed in (this tab), and the token never reaches localStorage.
    await page.reload();
    await page.getByRole('heading', { level: 2, name: product.name }).waitFor();
    const storage = await page.evaluate(() => JSON.stringify({ ...localStorage }));
    expect(storage).not.toContain(shop().adminToken);
    await context.close();
  });
});
