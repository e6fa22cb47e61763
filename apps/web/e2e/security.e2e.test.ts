import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { skipWithoutChromium } from './browser';
import { useBrowserAndShop } from './browser-and-shop';
import { fillCheckout, openProduct } from './storefront';

type Violation = { directive: string; blocked: string };

/**
 * Records, from the first script on, every Content Security Policy violation the page reports,
 * and every console error that names the policy.
 */
const recordViolations = async (page: Page) => {
  const consoleErrors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy/i.test(message.text())) {
      consoleErrors.push(message.text());
    }
  });
  await page.addInitScript(() => {
    const seen: { directive: string; blocked: string }[] = [];
    (window as unknown as { __e2eViolations: typeof seen }).__e2eViolations = seen;
    document.addEventListener('securitypolicyviolation', (event) =>
      seen.push({ directive: event.effectiveDirective, blocked: event.blockedURI }),
    );
  });
  return {
    consoleErrors,
    violations: () =>
      page.evaluate(() => (window as unknown as { __e2eViolations: Violation[] }).__e2eViolations),
  };
};

describe.skipIf(skipWithoutChromium())('the Content Security Policy in a real browser', () => {
  const { shop, shopper } = useBrowserAndShop();

  it('lets the whole storefront work with no violation: pages, live socket, checkout, invoice', async () => {
    const product = await shop().createProduct({ name: 'Policy Lamp', stock: 5 });
    const { context, page } = await shopper();
    const recorded = await recordViolations(page);
    const liveSockets: string[] = [];
    page.on('websocket', (socket) => liveSockets.push(socket.url()));

    const home = await page.goto('/');
    expect(home?.headers()['content-security-policy']).toContain("script-src 'self'");
    await page.getByRole('list', { name: 'All products' }).waitFor();
    expect(await recorded.violations()).toEqual([]);

    await openProduct(page, product);
    await page.getByRole('button', { name: 'Add to cart' }).click();
    await page.getByRole('link', { name: 'Cart, 1 item' }).waitFor();
    await page.getByRole('link', { name: 'Cart, 1 item' }).click();
    await page.getByRole('link', { name: 'Check out' }).click();
    await page.getByRole('heading', { level: 1, name: 'Checkout' }).waitFor();
    await fillCheckout(page);
    await page.getByRole('button', { name: /^Place order/ }).click();
    await page
      .getByRole('region', { name: 'Order status' })
      .getByText('Confirmed', { exact: true })
      .waitFor();
    await page.getByRole('button', { name: 'View invoice' }).click();
    await page.getByRole('link', { name: 'Download invoice (.txt)' }).waitFor();
    expect(await recorded.violations()).toEqual([]);

    await page.goto('/orders');
    await page.getByRole('link', { name: /^Order #/ }).waitFor();
    await page.goto('/no/such/page');
    await page.getByRole('heading', { level: 1, name: 'Page not found' }).waitFor();

    expect(liveSockets.some((url) => url.includes('/api/live'))).toBe(true);
    expect(await recorded.violations()).toEqual([]);
    expect(recorded.consoleErrors).toEqual([]);

    // The recorder itself works, and the policy is enforced: an inline script (what an XSS
    // would inject) does not run, and is reported.
    const inlineRan = await page.evaluate(async () => {
      const script = document.createElement('script');
      script.textContent = 'window.__e2eInlineRan = true';
      document.head.append(script);
      await new Promise((resolve) => setTimeout(resolve, 50));
      return (window as unknown as { __e2eInlineRan?: boolean }).__e2eInlineRan === true;
    });
    expect(inlineRan).toBe(false);
    await expect
      .poll(recorded.violations)
      .toEqual([expect.objectContaining({ directive: 'script-src-elem', blocked: 'inline' })]);
    await context.close();
  });
});
