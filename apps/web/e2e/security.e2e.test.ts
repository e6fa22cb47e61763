import { describe, expect, it } from 'vitest';
import { skipWithoutChromium } from './browser';
import { useBrowserAndShop } from './browser-and-shop';
import { fillCheckout, openProduct, recordViolations } from './storefront';

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
