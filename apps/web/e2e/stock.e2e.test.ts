import { describe, expect, it } from 'vitest';
import { skipWithoutChromium } from './browser';
import { useBrowserAndShop } from './browser-and-shop';
import { fillCheckout, isSameDocument, markDocument, openProduct } from './storefront';

describe.skipIf(skipWithoutChromium())('stock in a real browser', () => {
  const { shop, shopper } = useBrowserAndShop();

  it('another shopper sees the "only N left" badge drop live when someone buys', async () => {
    const lamp = await shop().createProduct({ name: 'Glass Pendant Lamp', stock: 3 });
    const buyer = await shopper();
    const watcher = await shopper();
    await openProduct(buyer.page, lamp);
    await openProduct(watcher.page, lamp);
    const watcherBadge = watcher.page.getByText('Only 3 left', { exact: true });
    await watcherBadge.waitFor();
    await markDocument(watcher.page);

    await buyer.page.getByRole('button', { name: 'Buy now' }).click();
    await fillCheckout(buyer.page);
    await buyer.page.getByRole('button', { name: /^Place order/ }).click();
    await buyer.page
      .getByRole('heading', { level: 1, name: 'Thank you for your order!' })
      .waitFor();

    await watcher.page.getByText('Only 2 left', { exact: true }).waitFor();
    expect(await watcherBadge.count()).toBe(0);
    expect(await isSameDocument(watcher.page)).toBe(true);
    await buyer.context.close();
    await watcher.context.close();
  });

  it('a sold-out product says so and cannot be added or bought', async () => {
    const chair = await shop().createProduct({ name: 'Walnut Chair', stock: 0 });
    const { context, page } = await shopper();
    await openProduct(page, chair);

    await page.getByText('Sold out', { exact: true }).waitFor();
    await page.getByText('Sold out — check back after a restock.').waitFor();
    expect(await page.getByRole('button', { name: 'Add to cart' }).isDisabled()).toBe(true);
    expect(await page.getByRole('button', { name: 'Buy now' }).isDisabled()).toBe(true);
    expect(await page.getByLabel('Quantity').isDisabled()).toBe(true);
    await context.close();
  });

  it('checkout after the stock ran short says so in words and lowers the cart line', async () => {
    const tent = await shop().createProduct({ name: 'Ridge Tent', stock: 3 });
    const { context, page } = await shopper();
    await openProduct(page, tent);
    await page.getByLabel('Quantity').fill('2');
    await page.getByRole('button', { name: 'Add to cart' }).click();
    await page.getByRole('link', { name: 'Cart, 2 items' }).waitFor();
    await page.goto('/checkout');
    await page.getByRole('heading', { level: 1, name: 'Checkout' }).waitFor();
    await fillCheckout(page);
    const summary = page.getByRole('complementary', { name: 'Your order' });
    await summary.getByText('2 × Ridge Tent').waitFor();

    // Someone else buys 2 of the 3 while this shopper fills the form.
    await shop().buyAsAnotherShopper(tent.id, 2);
    await page.getByRole('button', { name: /^Place order/ }).click();

    await page
      .getByText(
        'Only 1 left of Ridge Tent — we updated your cart. Check your order and place it again.',
      )
      .waitFor();
    await summary.getByText('1 × Ridge Tent').waitFor();
    await page.getByRole('link', { name: 'Cart, 1 item' }).waitFor();
    await page.getByRole('button', { name: 'Place order · $25.00' }).waitFor();
    expect(page.url()).toMatch(/\/checkout$/);

    // The corrected order goes through.
    await page.getByRole('button', { name: 'Place order · $25.00' }).click();
    await page.getByRole('heading', { level: 1, name: 'Thank you for your order!' }).waitFor();
    expect((await shop().product(tent.id)).stock).toBe(0);
    await context.close();
  });
});
