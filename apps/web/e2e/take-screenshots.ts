/**
 * `npm run screenshots`: the real server with the demo catalog, driven through each page of the
 * storefront in headless Chromium, at desktop and phone widths, into docs/screenshots/.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { launchBrowser } from './browser';
import { startShop } from './shop';
import { DESKTOP, fillCheckout, MOBILE, newShopper, sidewaysScroll } from './storefront';
import { ensureStorefrontBuilt } from './storefront-build';

const OUT = join(import.meta.dirname, '../../../docs/screenshots');
const FLASH_SALE_ITEM = "Retro High OG 'Crimson'";
const SECOND_ITEM = 'Ceramic Pour-Over Set';

/** Waits until what is on screen has settled: live stock on and the visible images loaded. */
const settle = async (page: Page) => {
  await page.getByText('Live stock on').waitFor();
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

ensureStorefrontBuilt();
mkdirSync(OUT, { recursive: true });
const shop = await startShop();
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
    await fillCheckout(page, { countryName: 'United States' });
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

    await context.close();
  }
} finally {
  await browser.close();
  await shop.stop();
}
