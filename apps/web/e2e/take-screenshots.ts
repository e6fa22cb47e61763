/**
 * `npm run screenshots`: the real server with the demo catalog, driven through each page of the
 * storefront and of the admin console in headless Chromium, at desktop and phone widths, into
 * docs/screenshots/.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { launchBrowser } from './browser';
import { type Shop, startShop } from './shop';
import {
  DESKTOP,
  fillCheckout,
  MOBILE,
  newShopper,
  sidewaysScroll,
  signInToConsole,
} from './storefront';
import { ensureStorefrontBuilt } from './storefront-build';

const OUT = join(import.meta.dirname, '../../../docs/screenshots');
const FLASH_SALE_ITEM = "Retro High OG 'Crimson'";
const SECOND_ITEM = 'Ceramic Pour-Over Set';

/** Waits until what is on screen has settled: live stock on and the visible images loaded. */
const settle = async (page: Page, live = true) => {
  if (live) await page.getByText('Live stock on').waitFor();
  await page.waitForFunction(() =>
    [...document.images]
      .filter((image) => image.getBoundingClientRect().top < window.innerHeight)
      .every((image) => image.complete),
  );
  const broken = await page.evaluate(() =>
    [...document.images]
      .filter((image) => image.complete && image.naturalWidth === 0)
      .map((image) => image.src),
  );
  if (broken.length > 0) throw new Error(`${page.url()} shows broken images: ${broken.join(', ')}`);
  const sideways = await sidewaysScroll(page);
  if (sideways) console.warn(`⚠️  ${page.url()} scrolls sideways:`, sideways);
};

const addToCart = async (page: Page, name: string, quantity: number) => {
  await page.goto('/');
  await page.getByRole('list', { name: 'All products' }).getByRole('link', { name }).click();
  await page.getByRole('heading', { level: 1, name }).waitFor();
  await page.getByLabel('Quantity').fill(String(quantity));
  await page.getByRole('button', { name: 'Add to cart' }).click();
  await page.getByText(/^Added \d+ items? to your cart\./).waitFor();
};

/** A few orders of a product, from shoppers of their own, as a drop's rush sends them. */
const rush = async (shop: Shop, productId: string, orders: number, paymentToken?: string) => {
  for (let i = 0; i < orders; i++) {
    await shop.buyAsAnotherShopper(productId, 1 + (i % 2), paymentToken);
  }
};

ensureStorefrontBuilt();
mkdirSync(OUT, { recursive: true });
// Orders get stuck after two quick attempts, so the console has one to show.
const shop = await startShop({
  WORKER_MAX_ATTEMPTS: '2',
  WORKER_RETRY_BASE_MS: '200',
  OWNER_EMAIL: 'owner@sellout.example',
});
const inTwoDays = new Date(Date.now() + 2 * 86_400_000 + 4 * 3_600_000 + 754_000);
inTwoDays.setUTCSeconds(0, 0);
const upcoming = await shop.createProduct({
  name: 'Midnight Runner Limited',
  description: 'Reflective knit upper, glow-in-the-dark sole. 250 pairs, released at one moment.',
  category: 'sneakers',
  priceCents: 18900,
  stock: 250,
  maxPerOrder: 2,
  imageUrl: '/images/products/aero-runner-knit.svg',
  saleStartsAt: inTwoDays.toISOString(),
});
const browser = await launchBrowser();
try {
  for (const [width, viewport] of [
    ['desktop', DESKTOP],
    ['mobile', MOBILE],
  ] as const) {
    const { context, page } = await newShopper(browser, shop.url, viewport);
    const shoot = async (name: string, { fullPage = false } = {}) => {
      await settle(page);
      // No focus ring from the last field filled.
      await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
      const path = join(OUT, `${name}-${width}.png`);
      await page.screenshot({ path, fullPage, animations: 'disabled', caret: 'hide' });
      console.log(`  ${path}`);
    };

    await page.goto('/');
    await page.getByRole('list', { name: 'All products' }).waitFor();
    await page.getByRole('list', { name: 'Recommended products' }).waitFor();
    await shoot('home');

    await page
      .getByRole('list', { name: 'All products' })
      .getByRole('link', { name: FLASH_SALE_ITEM })
      .click();
    await page.getByRole('heading', { level: 1, name: FLASH_SALE_ITEM }).waitFor();
    await shoot('product');

    await page.getByRole('button', { name: 'Add to cart' }).click();
    await page.getByText('Added 1 item to your cart.').waitFor();
    await addToCart(page, SECOND_ITEM, 2);
    await page.goto('/cart');
    await page.getByRole('link', { name: 'Check out' }).waitFor();
    await shoot('cart');

    await page.getByRole('link', { name: 'Check out' }).click();
    await page.getByRole('heading', { level: 1, name: 'Checkout' }).waitFor();
    // One customer per width: the flash-sale item is limited to one per customer.
    await fillCheckout(page, { countryName: 'United States', email: `ana.${width}@example.com` });
    await page.getByLabel('Address line 2').fill('Apt 4');
    // The whole form, down to the "Place order" button.
    await shoot('checkout', { fullPage: true });

    await page.getByRole('button', { name: /^Place order/ }).click();
    await page
      .getByRole('region', { name: 'Order status' })
      .getByText('Confirmed', { exact: true })
      .waitFor();
    await page.getByRole('button', { name: 'View invoice' }).waitFor();
    await shoot('confirmation');

    await page.goto('/orders');
    await page.getByRole('link', { name: /^Order #/ }).waitFor();
    await shoot('orders');

    await page.goto('/this/page/does/not/exist');
    await page.getByRole('heading', { level: 1, name: 'Page not found' }).waitFor();
    await shoot('not-found');

    // A drop counting down, on the shop's clock.
    await page.goto(`/products/${upcoming.id}`);
    const countdown = page.getByRole('region', { name: 'Drop countdown' });
    await countdown.getByRole('timer').waitFor();
    // On a phone the countdown is below the picture: shown as a shopper scrolls to it.
    if (width === 'mobile')
      await countdown.evaluate((box) => box.scrollIntoView({ block: 'center' }));
    await shoot('drop');

    await context.close();
  }

  // The admin console: a stuck order, a drop that sold out on the board.
  const kettle = await shop.createProduct({
    name: 'Gooseneck Kettle',
    stock: 12,
    priceCents: 6900,
  });
  await rush(shop, kettle.id, 2);
  await shop.buyAsAnotherShopper(kettle.id, 1, 'tok_declined');
  const opensAt = Math.ceil(((await shop.serverTime()) + 6000) / 1000) * 1000;
  const drop = await shop.createProduct({
    name: 'Court Classic Low — Drop 01',
    description: 'The first colourway of the year: 60 pairs, two per order.',
    category: 'sneakers',
    priceCents: 11900,
    stock: 60,
    maxPerOrder: 2,
    imageUrl: '/images/products/court-classic-low.svg',
    saleStartsAt: new Date(opensAt).toISOString(),
  });
  let outage: Awaited<ReturnType<Shop['buyAsAnotherShopper']>> | null = null;
  for (const [width, viewport] of [
    ['desktop', DESKTOP],
    ['mobile', MOBILE],
  ] as const) {
    const { context, page } = await newShopper(browser, shop.url, viewport);
    const shoot = async (name: string, { fullPage = false } = {}) => {
      await settle(page, false);
      await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
      const path = join(OUT, `${name}-${width}.png`);
      await page.screenshot({ path, fullPage, animations: 'disabled', caret: 'hide' });
      console.log(`  ${path}`);
    };
    await signInToConsole(page, shop.adminToken);
    await page.getByRole('rowheader', { name: /Drop 01/ }).waitFor();
    if (width === 'desktop') {
      await page.getByRole('rowheader', { name: /Midnight Runner Limited/ }).waitFor();
      await shoot('admin-products');
      await page.getByRole('link', { name: 'Midnight Runner Limited' }).click();
      await page.getByRole('heading', { level: 1, name: 'Midnight Runner Limited' }).waitFor();
      await shoot('admin-product', { fullPage: true });

      await page.goto('/admin/drops');
      await page.getByLabel('Product to watch').selectOption(drop.id);
      await page.getByRole('heading', { level: 2, name: drop.name }).waitFor();
      await page.getByText('Live', { exact: true }).waitFor();
      // The rush, once the drop opens: the board follows it live, until the last unit.
      await page.getByText('Open — selling now').waitFor({ timeout: 20_000 });
      await rush(shop, drop.id, 40);
      await page
        .locator('.board__headline')
        .getByText(/^Sold out in/)
        .waitFor();
      await shoot('admin-drop-board', { fullPage: true });

      // A gateway outage after the rush: the newest order gets stuck.
      outage = await shop.buyAsAnotherShopper(kettle.id, 1, 'tok_error');
      await page.getByRole('link', { name: 'Orders' }).click();
      await page.getByText('Stuck', { exact: true }).waitFor({ timeout: 30_000 });
      await shoot('admin-orders');
      await page.getByRole('link', { name: `#${outage.order.number}` }).click();
      await page
        .getByRole('heading', { level: 1, name: `Order #${outage.order.number}` })
        .waitFor();
      await shoot('admin-order');
    } else {
      await shoot('admin-products');
      await page.goto(`/admin/drops?product=${encodeURIComponent(drop.id)}`);
      await page.getByRole('heading', { level: 2, name: drop.name }).waitFor();
      await page
        .locator('.board__headline')
        .getByText(/^Sold out/)
        .waitFor();
      await shoot('admin-drop-board', { fullPage: true });
    }
    await context.close();
  }
} finally {
  await browser.close();
  await shop.stop();
}
