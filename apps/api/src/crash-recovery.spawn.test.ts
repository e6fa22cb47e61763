import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type SpawnedServer, spawnServer } from '@sellout/tools/testing/spawn-server';
import { afterAll, describe, expect, it } from 'vitest';

const ADMIN_TOKEN = 'crash-test-admin-token-0123456789';
const SHIPPING = {
  name: 'Ana Lima',
  line1: '1 Market St',
  city: 'Springfield',
  postalCode: '12345',
  country: 'US',
};
const BUYERS = 240;

type Attempt = {
  token: string;
  key: string;
  productId: string;
  quantity: number;
  orderId?: string;
};

describe('a server killed with SIGKILL in the middle of a rush', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'sellout-crash-'));
  const env = {
    DATA_DIR: dataDir,
    ADMIN_TOKEN,
    RATE_LIMIT: 'off',
    // Orders claimed by the killed process come back after this, instead of the default 30 s.
    WORKER_VISIBILITY_MS: '2000',
  };
  const servers: SpawnedServer[] = [];
  afterAll(() => {
    for (const server of servers) server.child.kill('SIGKILL');
  });

  it('loses no acknowledged order, duplicates no side effect, and keeps the stock exact', {
    timeout: 120_000,
  }, async () => {
    const first = await spawnServer({ env });
    servers.push(first);
    const api = (server: SpawnedServer, path: string, init: RequestInit = {}, token?: string) =>
      fetch(`${server.url}/api${path}`, {
        ...init,
        headers: {
          'content-type': 'application/json',
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...init.headers,
        },
      });
    const admin = (server: SpawnedServer, path: string, init: RequestInit = {}) =>
      api(server, path, init, ADMIN_TOKEN);

    const products = [];
    for (let i = 0; i < 3; i++) {
      const response = await admin(first, '/admin/products', {
        method: 'POST',
        body: JSON.stringify({
          sku: `CRASH-${i}`,
          name: `Crash test item ${i}`,
          description: 'Sold while the server dies.',
          category: 'test',
          priceCents: 1000 + i,
          stock: 150,
          imageUrl: '/images/products/test.svg',
        }),
      });
      expect(response.status).toBe(201);
      products.push((await response.json()) as { id: string; stock: number });
    }

    const attempts: Attempt[] = [];
    for (let i = 0; i < BUYERS; i++) {
      const session = (await (await api(first, '/session', { method: 'POST' })).json()) as {
        token: string;
      };
      attempts.push({
        token: session.token,
        key: `crash-${i}`,
        productId: products[i % 3]!.id,
        quantity: 1 + (i % 2),
      });
    }

    /** One checkout; resolves with the order id, or null when the server died under it. */
    const buy = async (server: SpawnedServer, attempt: Attempt) => {
      try {
        const response = await api(
          server,
          '/checkout',
          {
            method: 'POST',
            headers: { 'idempotency-key': attempt.key },
            body: JSON.stringify({
              productId: attempt.productId,
              quantity: attempt.quantity,
              email: 'ana@example.com',
              shipping: SHIPPING,
            }),
          },
          attempt.token,
        );
        expect(response.status).toBe(201);
        return ((await response.json()) as { orderId: string }).orderId;
      } catch {
        return null;
      }
    };

    // The rush: every buyer at once; the server is killed once a third have been acknowledged.
    let acknowledged = 0;
    const rush = attempts.map(async (attempt) => {
      const orderId = await buy(first, attempt);
      if (orderId) {
        attempt.orderId = orderId;
        if (++acknowledged === BUYERS / 3) first.child.kill('SIGKILL');
      }
    });
    await Promise.all(rush);
    expect(await first.exited).toBe('SIGKILL');
    const acknowledgedBeforeCrash = attempts.filter((a) => a.orderId).map((a) => ({ ...a }));
    expect(acknowledgedBeforeCrash.length).toBeGreaterThanOrEqual(BUYERS / 3);
    expect(acknowledgedBeforeCrash.length).toBeLessThan(BUYERS);

    const second = await spawnServer({ env });
    servers.push(second);

    // Buyers whose request died with the server retry with the same key: each gets one order.
    for (const attempt of attempts.filter((a) => !a.orderId)) {
      attempt.orderId = (await buy(second, attempt)) ?? undefined;
    }
    // Buyers who were answered before the crash replay theirs and get the very same order.
    for (const attempt of acknowledgedBeforeCrash.slice(0, 20)) {
      expect(await buy(second, attempt)).toBe(attempt.orderId);
    }

    // Every acknowledged order exists and reaches PROCESSED (the killed worker's claims expire).
    const statusOf = async (attempt: Attempt) =>
      (
        (await (await api(second, `/orders/${attempt.orderId}`, {}, attempt.token)).json()) as {
          status: string;
        }
      ).status;
    for (let i = 0; i < 300; i++) {
      const statuses = await Promise.all(attempts.map(statusOf));
      if (statuses.every((s) => s === 'PROCESSED')) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(new Set(await Promise.all(attempts.map(statusOf)))).toEqual(new Set(['PROCESSED']));

    const all: { id: string; lines: { productId: string; quantity: number }[] }[] = [];
    let cursor: string | null = null;
    do {
      const page = (await (
        await admin(second, `/admin/orders?limit=100${cursor ? `&cursor=${cursor}` : ''}`)
      ).json()) as {
        items: typeof all;
        nextCursor: string | null;
      };
      all.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    // Exactly one order per buyer: a key never made two, and nothing was lost.
    expect(all.map((o) => o.id).sort()).toEqual(attempts.map((a) => a.orderId).sort());

    for (const product of products) {
      const now = (await (await api(second, `/products/${product.id}`)).json()) as {
        stock: number;
      };
      const sold = all
        .flatMap((o) => o.lines)
        .filter((l) => l.productId === product.id)
        .reduce((sum, l) => sum + l.quantity, 0);
      expect(now.stock + sold).toBe(product.stock);
    }

    // One invoice and one confirmation email per order, whatever was retried.
    const ids = all.map((o) => o.id).sort();
    expect(readdirSync(join(dataDir, 'invoices')).sort()).toEqual(ids.map((id) => `${id}.txt`));
    expect(readdirSync(join(dataDir, 'mail')).sort()).toEqual(
      ids.map((id) => `${id}.confirmation.eml`),
    );

    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
  });
});
