import { describe, expect, it } from 'vitest';
import { formatDuration } from '../src/admin/drops/drop-stats';
import { skipWithoutChromium } from './browser';
import { useBrowserAndShop } from './browser-and-shop';
import {
  fillCheckout,
  isSameDocument,
  markDocument,
  signInToConsole,
  utcLocalInput,
  WAIT_MS,
} from './storefront';

/**
 * Long enough for the owner to set the drop up and a shopper to try too early, on a machine
 * where the whole test suite runs beside this browser.
 */
const DROP_LEAD_MS = 45_000;
/** The board and the countdown redraw every second: under load a step may take a while. */
const STEP_MS = 2 * WAIT_MS;

describe.skipIf(skipWithoutChromium())('a scheduled drop, run from the admin console', () => {
  const { shop, shopper } = useBrowserAndShop();

  it('the owner schedules it, a shopper counts down and buys at the opening, the board follows live', {
    timeout: 150_000,
  }, async () => {
    // The drop opens on a whole second of the server's clock, a little way ahead.
    const opensAt = Math.ceil(((await shop().serverTime()) + DROP_LEAD_MS) / 1000) * 1000;

    // The owner creates the product with its drop time, in the console.
    const owner = await shopper();
    owner.context.setDefaultTimeout(STEP_MS);
    await signInToConsole(owner.page, shop().adminToken);
    await owner.page.getByRole('heading', { level: 1, name: 'Products' }).waitFor();
    await owner.page.getByRole('link', { name: 'New product' }).click();
    const form = owner.page;
    await form.getByLabel('Name').fill('Midnight Runner');
    await form.getByLabel('SKU').fill(`DROP-${process.pid}`);
    await form.getByLabel('Description').fill('A limited run, released at one moment.');
    await form.getByLabel('Category').fill('sneakers');
    await form.getByLabel('Image URL').fill('/images/products/aero-runner-knit.svg');
    await form.getByLabel('Price (USD)').fill('129.00');
    await form.getByLabel('Stock (units)').fill('5');
    await form.getByLabel('Limit per order').fill('2');
    await form.getByLabel('Goes on sale at').fill(utcLocalInput(opensAt));
    await form.getByRole('button', { name: 'Create product' }).click();
    await owner.page.getByText('Midnight Runner created.').waitFor();
    const productId = decodeURIComponent(new URL(owner.page.url()).pathname.split('/').at(-1)!);
    expect(productId).toMatch(/^p_/);
    expect(await owner.page.getByText('Scheduled', { exact: true }).isVisible()).toBe(true);

    // …and keeps the drop board open.
    await owner.page.getByRole('link', { name: 'Watch it on the drop board' }).click();
    await owner.page.getByRole('heading', { level: 2, name: 'Midnight Runner' }).waitFor();
    await owner.page
      .getByRole('timer')
      .getByText(/^Opens in \d+:\d\d$/)
      .waitFor();
    const boardStock = owner.page.getByTestId('board-stock');
    expect(await boardStock.textContent()).toBe('5');
    await markDocument(owner.page);

    // A shopper finds it counting down; Buy now waits, the cart may already take it.
    const buyer = await shopper();
    buyer.context.setDefaultTimeout(STEP_MS);
    const page = buyer.page;
    await page.goto(`/products/${productId}`);
    await page.getByRole('heading', { level: 1, name: 'Midnight Runner' }).waitFor();
    const countdown = page.getByRole('region', { name: 'Drop countdown' });
    await countdown.getByRole('timer').waitFor();
    const first = await countdown.getByRole('timer').textContent();
    expect(first).toMatch(/^0:[0-4]\d$/);
    const buyNow = page.getByRole('button', { name: 'Buy now' });
    expect(await buyNow.isDisabled()).toBe(true);
    await page.getByRole('button', { name: 'Add to cart' }).click();
    await page.getByText('Added 1 item to your cart.').waitFor();

    // Checking out before the opening is refused in words, and reserves nothing.
    await page.getByRole('link', { name: 'Cart, 1 item' }).click();
    await page.getByRole('heading', { level: 1, name: 'Your cart' }).waitFor();
    expect(await page.getByText(/^Opens in \d+:\d\d/).isVisible()).toBe(true);
    await page.getByRole('link', { name: 'Check out' }).click();
    await page.getByRole('heading', { level: 1, name: 'Checkout' }).waitFor();
    await fillCheckout(page);
    await page.getByRole('button', { name: /^Place order/ }).click();
    await page
      .getByText(
        /^Midnight Runner goes on sale at .+ — not yet, so nothing was ordered\. Place your order again once it opens\.$/,
      )
      .waitFor();
    expect(Date.now()).toBeLessThan(opensAt);
    expect((await shop().product(productId)).stock).toBe(5);

    // Back on the product page, Buy now turns on by itself at the opening: no reload.
    await page.getByRole('link', { name: 'Edit cart' }).click();
    await page.getByRole('link', { name: 'Midnight Runner' }).click();
    await page.getByRole('heading', { level: 1, name: 'Midnight Runner' }).waitFor();
    await markDocument(page);
    expect(await buyNow.isDisabled()).toBe(true);
    await buyNow.waitFor({ state: 'attached' });
    await page.waitForFunction(
      () =>
        [...document.querySelectorAll('button')].some(
          (b) => b.textContent === 'Buy now' && !b.disabled,
        ),
      null,
      { timeout: DROP_LEAD_MS + STEP_MS, polling: 50 },
    );
    const enabledAt = await shop().serverTime();
    expect(enabledAt).toBeGreaterThanOrEqual(opensAt);
    expect(await isSameDocument(page)).toBe(true);
    expect(await countdown.count()).toBe(0);

    // The purchase goes through.
    await buyNow.click();
    await page.getByRole('heading', { level: 1, name: 'Buy now' }).waitFor();
    await fillCheckout(page);
    await page.getByRole('button', { name: 'Place order · $129.00' }).click();
    await page.getByRole('heading', { level: 1, name: 'Thank you for your order!' }).waitFor();
    const number = (await page
      .getByText(/^#[0-9A-Z]{4}-[0-9A-Z]{4}$/)
      .first()
      .textContent())!;

    // The owner's board saw the stock fall and the order arrive, without a reload.
    await owner.page.getByText('Open — selling now').waitFor();
    await expect.poll(() => boardStock.textContent(), { timeout: STEP_MS }).toBe('4');
    const latest = owner.page.getByRole('list', { name: 'Latest orders of this product' });
    await latest.getByRole('link', { name: number }).waitFor();
    // Another shopper takes the rest: the board says how long the drop took to sell out.
    await shop().buyAsAnotherShopper(productId, 2);
    const last = await shop().buyAsAnotherShopper(productId, 2);
    await expect.poll(() => boardStock.textContent(), { timeout: STEP_MS }).toBe('0');
    // Measured on the server's times: from the drop time to the order that took the last unit.
    // Polled for the text itself, so a failure says what the board showed instead.
    const took = Date.parse(last.order.createdAt) - opensAt;
    const headline = owner.page.locator('.board__headline');
    await expect
      .poll(() => headline.textContent(), { timeout: STEP_MS })
      .toBe(`Sold out in ${formatDuration(took)}`);
    expect(await isSameDocument(owner.page)).toBe(true);

    await buyer.context.close();
    await owner.context.close();
  });
});
