import { describe, expect, it } from 'vitest';
import { skipWithoutChromium } from './browser';
import { useBrowserAndShop } from './browser-and-shop';
import { DESKTOP, fillCheckout, MOBILE, openProduct, sidewaysScroll } from './storefront';

describe.skipIf(skipWithoutChromium())('layout in a real browser', () => {
  const { shop, shopper } = useBrowserAndShop();

  it('no page scrolls sideways on a 375 px wide phone', async () => {
    const product = await shop().createProduct({
      name: 'Extra-Long Product Name For A Narrow Screen Deluxe Edition',
      stock: 4,
      maxPerOrder: 2,
    });
    const { context, page } = await shopper(MOBILE);
    const overflowing: Record<string, unknown> = {};
    const check = async (name: string) => {
      const found = await sidewaysScroll(page);
      if (found) overflowing[name] = found;
    };

    await page.goto('/');
    await page.getByRole('list', { name: 'All products' }).waitFor();
    await check('home');

    await openProduct(page, product);
    await check('product');

    await page.getByRole('button', { name: 'Add to cart' }).click();
    await page.getByRole('link', { name: 'Cart, 1 item' }).waitFor();
    await page.goto('/cart');
    await page.getByRole('link', { name: 'Check out' }).waitFor();
    await check('cart');

    await page.getByRole('link', { name: 'Check out' }).click();
    await page.getByRole('heading', { level: 1, name: 'Checkout' }).waitFor();
    await fillCheckout(page, { countryName: 'South Georgia & South Sandwich Islands' });
    await check('checkout');

    await page.getByRole('button', { name: /^Place order/ }).click();
    await page
      .getByRole('region', { name: 'Order status' })
      .getByText('Confirmed', { exact: true })
      .waitFor();
    await check('confirmation');

    await page.goto('/orders');
    await page.getByRole('heading', { level: 1, name: 'Your orders' }).waitFor();
    await page.getByRole('link', { name: /^Order #/ }).waitFor();
    await check('orders');

    const drop = await shop().createProduct({
      name: 'A Drop With A Long Name That Counts Down On A Phone',
      stock: 4,
      saleStartsAt: new Date(Date.now() + 3 * 86_400_000 + 3_600_000).toISOString(),
    });
    await openProduct(page, drop);
    await page.getByRole('region', { name: 'Drop countdown' }).getByText(/^3 d /).waitFor();
    await check('product (drop countdown)');

    await page.goto('/no/such/page');
    await page.getByRole('heading', { level: 1, name: 'Page not found' }).waitFor();
    await check('not found');

    expect(overflowing).toEqual({});
    await context.close();
  });

  it('on a phone the order summary sits above "Place order"; on a desktop beside the form', async () => {
    const product = await shop().createProduct({ name: 'Summary Check Mug', stock: 10 });
    for (const viewport of [MOBILE, DESKTOP]) {
      const { context, page } = await shopper(viewport);
      await openProduct(page, product);
      await page.getByRole('button', { name: 'Add to cart' }).click();
      await page.getByRole('link', { name: 'Cart, 1 item' }).waitFor();
      await page.goto('/checkout');
      const summary = page.getByRole('complementary');
      const placeOrder = page.getByRole('button', { name: /^Place order/ });
      await placeOrder.waitFor();
      const summaryBox = (await summary.boundingBox())!;
      const buttonBox = (await placeOrder.boundingBox())!;
      if (viewport === MOBILE) {
        expect(summaryBox.y + summaryBox.height).toBeLessThanOrEqual(buttonBox.y);
      } else {
        expect(summaryBox.x).toBeGreaterThan(buttonBox.x + buttonBox.width);
      }
      await context.close();
    }
  });

  it('the invoice wraps instead of clipping its order id and prices, on a desktop and a phone', async () => {
    const product = await shop().createProduct({
      name: 'A Product With A Rather Long Name That Makes Invoice Lines Long',
      stock: 10,
      priceCents: 123456,
    });
    for (const viewport of [DESKTOP, MOBILE]) {
      const { context, page } = await shopper(viewport);
      await openProduct(page, product);
      await page.getByRole('button', { name: 'Add to cart' }).click();
      await page.getByRole('link', { name: 'Cart, 1 item' }).waitFor();
      await page.goto('/checkout');
      await fillCheckout(page);
      await page.getByRole('button', { name: /^Place order/ }).click();
      await page
        .getByRole('region', { name: 'Order status' })
        .getByText('Confirmed', { exact: true })
        .waitFor();
      const orderId = new URL(page.url()).pathname.split('/').at(-1)!;
      await page.getByRole('button', { name: 'View invoice' }).first().click();
      const invoice = page.getByRole('figure', { name: /^Invoice for order #/ });
      await invoice.waitFor();
      const text = invoice.locator('pre');
      expect(await text.textContent()).toContain(orderId);
      const clipped = await text.evaluate((pre) => pre.scrollWidth - pre.clientWidth);
      expect(clipped, `at ${viewport.width} px`).toBeLessThanOrEqual(0);
      await context.close();
    }
  });

  it('the badges beside a product line up in one row', async () => {
    const product = await shop().createProduct({ name: 'Limited Lamp', stock: 4, maxPerOrder: 2 });
    const { context, page } = await shopper();
    await openProduct(page, product);
    await page.getByText('Only 4 left', { exact: true }).waitFor();

    // The stock badge sits in a wrapper of its own; it once sat 2 px below the others.
    const boxes = await page.locator('.product__badges .badge').evaluateAll((badges) =>
      badges.map((badge) => {
        const { top, height } = badge.getBoundingClientRect();
        return { text: badge.textContent, top: Math.round(top), height: Math.round(height) };
      }),
    );
    expect(boxes.map((box) => box.text)).toEqual([
      '⚡ Flash sale',
      'Limit 2 per order',
      'Only 4 left',
    ]);
    const first = boxes[0]!;
    for (const box of boxes)
      expect(box, box.text ?? '').toMatchObject({ top: first.top, height: first.height });
    await context.close();
  });
});
