import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchBrowser } from './browser';
import { type Shop, startShop } from './shop';
import { newShopper } from './storefront';

/**
 * One headless Chromium and one real server for a test file: opened before its tests, closed
 * after them. Call it at the top of the file's describe block; `env` adds server settings.
 */
export const useBrowserAndShop = (env: Record<string, string> = {}) => {
  let browser: Browser | undefined;
  let shop: Shop | undefined;
  beforeAll(async () => {
    browser = await launchBrowser();
    shop = await startShop(env);
  });
  afterAll(async () => {
    await browser?.close();
    await shop?.stop();
  });
  const opened = <T>(value: T | undefined) => {
    if (value === undefined) throw new Error('the browser and the shop open in beforeAll');
    return value;
  };
  return {
    browser: () => opened(browser),
    shop: () => opened(shop),
    /** A fresh browser context: a new guest with an empty cart. */
    shopper: (viewport?: Parameters<typeof newShopper>[2]) =>
      newShopper(opened(browser), opened(shop).url, viewport),
  };
};
