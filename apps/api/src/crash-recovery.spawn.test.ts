import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type SpawnedServer, spawnServer } from '@sellout/tools/testing/spawn-server';
import { TEST_ADMIN_TOKEN } from '@sellout/tools/testing/store-client';
import { afterAll, describe, expect, it } from 'vitest';
import { crashInTheMiddleOfARush } from './testing/crash-rush';

describe('a server killed with SIGKILL in the middle of a rush', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'sellout-crash-'));
  const env = {
    DATA_DIR: dataDir,
    ADMIN_TOKEN: TEST_ADMIN_TOKEN,
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
    const { second, orders } = await crashInTheMiddleOfARush({
      start: async () => {
        const server = await spawnServer({ env });
        servers.push(server);
        return server;
      },
      kill: (server) => server.child.kill('SIGKILL'),
      buyers: 240,
      // The killed worker's claims expire and are redelivered.
      processedWithinMs: 60_000,
    });

    // One invoice and one confirmation email per order, whatever was retried.
    const ids = orders.map((o) => o.id).sort();
    expect(readdirSync(join(dataDir, 'invoices')).sort()).toEqual(ids.map((id) => `${id}.txt`));
    expect(readdirSync(join(dataDir, 'mail')).sort()).toEqual(
      ids.map((id) => `${id}.confirmation.eml`),
    );
    // What the killed server was writing waited in tmp/, and the restart cleared it.
    expect(readdirSync(join(dataDir, 'tmp'))).toEqual([]);

    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
  });
});
