import { describe, expect, it } from 'vitest';
import { skipWithoutChromium } from './browser';
import { useBrowserAndShop } from './browser-and-shop';
import {
  fillCheckout,
  holdOrderUpdates,
  isSameDocument,
  markDocument,
  openProduct,
  orderStatusesSeen,
  recordOrderStatuses,
  WAIT_MS,
} from './storefront';

describe.skipIf(skipWithoutChromium())('shopping in a real browser', () => {
  const { browser, shop, shopper } = useBrowserAndShop();

  it('browse, add to cart, check out: the confirmation turns from Processing to Confirmed live', async () => {
    const lantern = await shop().createProduct({
      name: 'Storm Lantern',
      category: 'lanterns',
      priceCents: 4200,
      stock: 20,
    });
    const { context, page } = await shopper();
    const orderUpdates = await holdOrderUpdates(page);

    await page.goto('/');
    await page
      .getByRole('navigation', { name: 'Categories' })
      .getByRole('link', { name: 'Lanterns' })
      .click();
    await page.getByRole('heading', { level: 2, name: 'Lanterns' }).waitFor();
    await page
      .getByRole('list', { name: 'Lanterns' })
      .getByRole('link', { name: 'Storm Lantern' })
      .click();

    await page.getByRole('heading', { level: 1, name: 'Storm Lantern' }).waitFor();
    expect(await page.getByText('$42.00').first().isVisible()).toBe(true);
    await page.getByLabel('Quantity').fill('2');
    await page.getByRole('button', { name: 'Add to cart' }).click();
    await page.getByText('Added 2 items to your cart.').waitFor();

    await page.getByRole('link', { name: 'View cart' }).click();
    await page.getByRole('heading', { level: 1, name: 'Your cart' }).waitFor();
    expect(await page.getByRole('link', { name: 'Storm Lantern' }).isVisible()).toBe(true);
    await page.getByRole('link', { name: 'Check out' }).click();

    await page.getByRole('heading', { level: 1, name: 'Checkout' }).waitFor();
    await fillCheckout(page, { countryName: 'Germany' });
    await markDocument(page);
    await recordOrderStatuses(page);
    orderUpdates.arm();
    await page.getByRole('button', { name: 'Place order · $84.00' }).click();

    await page.getByRole('heading', { level: 1, name: 'Thank you for your order!' }).waitFor();
    const status = page.getByRole('region', { name: 'Order status' });
    await status.getByText('Processing', { exact: true }).waitFor();
    await status.getByText('We’re confirming your payment. This page updates by itself.').waitFor();

    // The worker has processed the order: its live message reaches the page, re-reads do not.
    await expect.poll(orderUpdates.heldMessages, { timeout: WAIT_MS }).toBeGreaterThan(0);
    orderUpdates.releaseLive();
    await status.getByText('Confirmed', { exact: true }).waitFor();
    await status
      .getByText(/Payment confirmed\. A confirmation email .* ana@example\.com/)
      .waitFor();
    expect(await orderStatusesSeen(page)).toEqual(['Processing', 'Confirmed']);
    expect(await isSameDocument(page)).toBe(true);

    // The rest of the processed order (the invoice) comes with the re-read.
    await orderUpdates.releaseAll();
    await page.getByRole('button', { name: 'View invoice' }).waitFor();
    expect(await page.getByText('Germany').isVisible()).toBe(true);
    await page.getByRole('link', { name: 'Cart, 0 items' }).waitFor();
    expect((await shop().product(lantern.id)).stock).toBe(18);
    await context.close();
  });

  it('a declined card cancels the order and says why', async () => {
    const kettle = await shop().createProduct({ name: 'Camp Kettle', stock: 5 });
    const { context, page } = await shopper();
    await openProduct(page, kettle);
    await page.getByRole('button', { name: 'Buy now' }).click();

    await page.getByRole('heading', { level: 1, name: 'Buy now' }).waitFor();
    await fillCheckout(page, { card: 'declines' });
    await page.getByRole('button', { name: /^Place order/ }).click();

    await page.getByRole('heading', { level: 1, name: 'Your order was cancelled' }).waitFor();
    const status = page.getByRole('region', { name: 'Order status' });
    await status.getByText('Cancelled', { exact: true }).waitFor();
    // The live update brings the status first and the re-read of the order its reason: the page
    // may say "did not go through" for a moment before it says why.
    await status.getByText(/Your card was declined/).waitFor();
    expect(await status.textContent()).toContain('Nothing was charged');
    // The stock went back on sale.
    await expect
      .poll(async () => (await shop().product(kettle.id)).stock, { timeout: WAIT_MS })
      .toBe(5);
    await context.close();
  });

  it('the header cart count follows add to cart', async () => {
    const socks = await shop().createProduct({ name: 'Wool Socks', stock: 30 });
    const { context, page } = await shopper();
    await openProduct(page, socks);
    const cart = page.getByRole('banner').getByRole('link', { name: /^Cart,/ });
    expect(await cart.getAttribute('aria-label')).toBe('Cart, 0 items');

    await page.getByLabel('Quantity').fill('3');
    await page.getByRole('button', { name: 'Add to cart' }).click();
    await page.getByRole('link', { name: 'Cart, 3 items' }).waitFor();
    // The number on the icon (hidden from screen readers, which hear the link's label).
    expect(await cart.locator('.cart-link__count').textContent()).toBe('3');

    await page.getByLabel('Quantity').fill('1');
    await page.getByRole('button', { name: 'Add to cart' }).click();
    await page.getByRole('link', { name: 'Cart, 4 items' }).waitFor();
    await context.close();
  });

  it('arrowing through a closed quantity select sends one update, with the last choice', async () => {
    const cups = await shop().createProduct({ name: 'Tin Cup', stock: 30 });
    const { context, page } = await shopper();
    await openProduct(page, cups);
    await page.getByRole('button', { name: 'Add to cart' }).click();
    await page.getByRole('link', { name: 'Cart, 1 item' }).waitFor();
    await page.goto('/cart');
    const select = page.getByRole('combobox', { name: 'Quantity of Tin Cup' });
    await select.waitFor();
    const sent: unknown[] = [];
    page.on('request', (request) => {
      if (request.method() === 'PUT') sent.push(request.postDataJSON());
    });

    // In Chromium on Linux (as on Windows), arrow keys change a closed select's value at once.
    await select.focus();
    for (let presses = 0; presses < 3; presses += 1) await page.keyboard.press('ArrowDown');
    expect(await select.inputValue()).toBe('4');

    await page.getByRole('link', { name: 'Cart, 4 items' }).waitFor();
    await page.getByText('$100.00', { exact: true }).first().waitFor();
    expect(sent).toEqual([{ quantity: 4 }]);
    await context.close();
  });

  it('shows prices as the invoice and emails write them, whatever the browser’s language', async () => {
    const clock = await shop().createProduct({ name: 'Brass Clock', stock: 5, priceCents: 123456 });
    const context = await browser().newContext({
      baseURL: shop().url,
      locale: 'de-DE',
      timezoneId: 'UTC',
    });
    context.setDefaultTimeout(WAIT_MS);
    const page = await context.newPage();
    await openProduct(page, clock);
    await page.locator('.product__price').getByText('$1,234.56', { exact: true }).waitFor();
    await context.close();
  });

  it('works with the keyboard alone: Tab to "Add to cart" and press Enter', async () => {
    const mug = await shop().createProduct({ name: 'Enamel Mug', stock: 30 });
    const { context, page } = await shopper();
    await openProduct(page, mug);

    const focusedLabel = () =>
      page.evaluate(() => {
        const active = document.activeElement;
        return active?.getAttribute('aria-label') ?? active?.textContent?.trim() ?? '';
      });
    const visited: string[] = [];
    for (let presses = 0; presses < 30 && visited.at(-1) !== 'Add to cart'; presses += 1) {
      await page.keyboard.press('Tab');
      visited.push(await focusedLabel());
    }
    expect(visited.at(-1), `focus went through: ${visited.join(' → ')}`).toBe('Add to cart');
    // The skip link comes first, and the quantity field before the button.
    expect(visited[0]).toBe('Skip to content');

    await page.keyboard.press('Enter');
    await page.getByText('Added 1 item to your cart.').waitFor();
    await page.getByRole('link', { name: 'Cart, 1 item' }).waitFor();
    // The focus stays where the shopper was, not on the page body: Enter adds one more.
    expect(await focusedLabel()).toBe('Add to cart');
    await page.keyboard.press('Enter');
    await page.getByRole('link', { name: 'Cart, 2 items' }).waitFor();
    expect(await focusedLabel()).toBe('Add to cart');
    await context.close();
  });
});
