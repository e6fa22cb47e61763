import type { Browser, BrowserContext, Page, Route, WebSocketRoute } from 'playwright-core';

/** Every wait in the browser tests is bounded by this, unless a step says otherwise. */
export const WAIT_MS = 10_000;

export const DESKTOP = { width: 1280, height: 800 };
export const MOBILE = { width: 375, height: 812 };

/**
 * A shopper of their own: a fresh browser context has its own localStorage, so its own guest
 * session, cart and orders.
 */
export const newShopper = async (
  browser: Browser,
  baseURL: string,
  viewport: { width: number; height: number } = DESKTOP,
): Promise<{ context: BrowserContext; page: Page }> => {
  const context = await browser.newContext({
    baseURL,
    viewport,
    locale: 'en-US',
    timezoneId: 'UTC',
    ...(viewport.width < 600 ? { isMobile: true, hasTouch: true } : {}),
  });
  context.setDefaultTimeout(WAIT_MS);
  const page = await context.newPage();
  return { context, page };
};

/** Waits until the product page has shown its heading (data loaded, not the spinner). */
export const openProduct = async (page: Page, product: { id: string; name: string }) => {
  await page.goto(`/products/${product.id}`);
  await page.getByRole('heading', { level: 1, name: product.name }).waitFor();
};

/**
 * Marks the current document; `isSameDocument` is then true only if no reload or full
 * navigation happened since, which is how a test proves an update arrived live.
 */
export const markDocument = (page: Page) =>
  page.evaluate(() => {
    (window as unknown as { __e2eDocument?: boolean }).__e2eDocument = true;
  });

export const isSameDocument = (page: Page) =>
  page.evaluate(() => (window as unknown as { __e2eDocument?: boolean }).__e2eDocument === true);

const CARDS = { approves: 'Approves (tok_visa)', declines: 'Declines (tok_declined)' } as const;

/** Fills the checkout form as a shopper would, by the labels on screen. */
export const fillCheckout = async (
  page: Page,
  options: { countryName?: string; card?: keyof typeof CARDS; email?: string } = {},
) => {
  await page.getByLabel('Email', { exact: true }).fill(options.email ?? 'ana@example.com');
  await page.getByLabel('Full name').fill('Ana Lima');
  await page.getByLabel('Address line 1').fill('1 Market St');
  await page.getByLabel('City').fill('Springfield');
  await page.getByLabel('Postal code').fill('12345');
  await page.getByLabel('Country').selectOption({ label: options.countryName ?? 'Germany' });
  await page.getByLabel('Test card').selectOption({ label: CARDS[options.card ?? 'approves'] });
};

/**
 * Holds back, once armed, what would tell the page that an order moved on: the live socket's
 * order messages and the page's reads of an order. The in-process worker usually finishes an
 * order before the browser has even shown the confirmation, so without this a test could not
 * see PENDING at all, nor tell the live socket's update from a re-read. Everything else (stock
 * messages, other requests) passes untouched, and what is held is the real server's answer.
 * Install it before the page's first navigation: only sockets opened afterwards are routed.
 */
export const holdOrderUpdates = async (page: Page) => {
  let armed = false;
  const messages: string[] = [];
  const reads: Route[] = [];
  // The page reconnects with its token once it has a session: messages go to the newest socket.
  let toPage: WebSocketRoute | null = null;
  await page.routeWebSocket(/\/api\/live/, (socket) => {
    toPage = socket;
    socket.connectToServer().onMessage((message) => {
      if (armed && typeof message === 'string' && JSON.parse(message).type === 'order') {
        messages.push(message);
      } else {
        socket.send(message);
      }
    });
  });
  await page.route(/\/api\/orders\/o_[^/?]+$/, (route) =>
    armed ? void reads.push(route) : route.continue(),
  );
  const sendHeld = () => {
    for (const message of messages.splice(0)) toPage?.send(message);
  };
  return {
    arm: () => {
      armed = true;
    },
    /** How many order messages the server has sent that the page has not had. */
    heldMessages: () => messages.length,
    /** Hands the held live messages to the page; reads stay held. */
    releaseLive: sendHeld,
    /** Lets everything held through, and holds nothing from now on. */
    releaseAll: async () => {
      armed = false;
      sendHeld();
      await Promise.all(reads.splice(0).map((route) => route.continue()));
    },
  };
};

/**
 * Records every text the order status panel shows, from now on, in the page itself: the worker
 * can be quick, and a poll from the test could miss the first status.
 */
export const recordOrderStatuses = (page: Page) =>
  page.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { __e2eStatuses: string[] }).__e2eStatuses = seen;
    const note = () => {
      const badge = document.querySelector('[aria-label="Order status"] .badge');
      const text = badge?.textContent ?? null;
      if (text && seen.at(-1) !== text) seen.push(text);
    };
    new MutationObserver(note).observe(document.body, {
      childList: true,
      subtree: true,
      characterData: true,
    });
  });

export const orderStatusesSeen = (page: Page) =>
  page.evaluate(() => (window as unknown as { __e2eStatuses: string[] }).__e2eStatuses);

/**
 * Null when the page does not scroll sideways; otherwise the widths and the elements that stick
 * out past the right edge, for the failure message.
 */
export const sidewaysScroll = (page: Page) =>
  page.evaluate(() => {
    const root = document.scrollingElement ?? document.documentElement;
    if (root.scrollWidth <= root.clientWidth) return null;
    const wide = [...document.body.querySelectorAll('*')]
      .filter((element) => element.getBoundingClientRect().right > root.clientWidth + 0.5)
      .slice(0, 5)
      .map((element) => `<${element.tagName.toLowerCase()} class="${element.className}">`);
    return { scrollWidth: root.scrollWidth, clientWidth: root.clientWidth, wide };
  });

/** Opens the admin console and signs in with `token`, as the shop's owner would. */
export const signInToConsole = async (page: Page, token: string) => {
  await page.goto('/admin');
  await page.getByLabel('Admin token').fill(token);
  await page.getByRole('button', { name: 'Sign in' }).click();
};

const pad = (n: number) => String(n).padStart(2, '0');

/** An instant as a `datetime-local` field takes it, in UTC (the test browsers' time zone). */
export const utcLocalInput = (ms: number) => {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
};

type Violation = { directive: string; blocked: string };

/**
 * Records, from the first script on, every Content Security Policy violation the page reports,
 * and every console error that names the policy.
 */
export const recordViolations = async (page: Page) => {
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
