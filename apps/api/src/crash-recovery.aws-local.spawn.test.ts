import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ScanCommand } from '@aws-sdk/client-dynamodb';
import { HeadObjectCommand } from '@aws-sdk/client-s3';
import { LOCAL_CREDENTIALS } from '@sellout/adapter-aws/aws-client-options';
import { createDynamoDbClient } from '@sellout/adapter-aws/dynamodb/dynamodb-client';
import { createS3Client } from '@sellout/adapter-aws/s3/s3-client';
import { withoutDynamoDb } from '@sellout/adapter-aws/testing/dynamodb-test-tables';
import { killGroup, processesInGroup } from '@sellout/tools/testing/process-group';
import { type SpawnedServer, spawnServer } from '@sellout/tools/testing/spawn-server';
import { TEST_ADMIN_TOKEN } from '@sellout/tools/testing/store-client';
import { afterAll, describe, expect, it } from 'vitest';
import type { AwsLocalManifest } from './aws-local/manifest';
import { crashInTheMiddleOfARush } from './testing/crash-rush';

/**
 * The crash test against `npm run start:aws-local`: the whole process group (the shop, Java,
 * fauxqs, the SES stand-in) killed with SIGKILL mid-rush and started again on the same
 * DATA_DIR. DynamoDB Local keeps the orders; fauxqs kept the queue in memory, so the messages
 * of orders not yet processed are gone with it, and the sweeper (SWEEP_AFTER_MS of 10 s here)
 * re-sends them. Skipped without Java 17+ (with the global setup's banner); fails under CI.
 */
describe.skipIf(withoutDynamoDb)('start:aws-local killed with its process group in a rush', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'sellout-aws-crash-'));
  const servers: SpawnedServer[] = [];
  afterAll(() => {
    for (const server of servers) if (server.child.pid) killGroup(server.child.pid);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('loses no acknowledged order, sends no email twice, and keeps the stock exact', {
    timeout: 420_000,
  }, async () => {
    const { second, orders } = await crashInTheMiddleOfARush({
      start: async () => {
        const server = await spawnServer({
          entry: 'apps/api/src/main-aws-local.ts',
          env: {
            DATA_DIR: dataDir,
            ADMIN_TOKEN: TEST_ADMIN_TOKEN,
            RATE_LIMIT: 'off',
            SEED: 'none',
            SWEEP_AFTER_MS: '10000',
          },
          ownProcessGroup: true,
          timeoutMs: 170_000,
        });
        servers.push(server);
        return server;
      },
      kill: (server) => killGroup(server.child.pid!),
      buyers: 90,
      processedWithinMs: 150_000,
    });
    const [first] = servers;
    expect(processesInGroup(first!.child.pid!)).toEqual([]);

    const manifest: AwsLocalManifest = JSON.parse(
      readFileSync(join(dataDir, 'aws-local.json'), 'utf8'),
    );
    const local = { region: manifest.region, credentials: LOCAL_CREDENTIALS };

    // At most one confirmation per order across the crash: each was claimed exactly once in
    // the markers table (claimed before sending), and the new SES stand-in got none twice.
    const dynamodb = createDynamoDbClient({ ...local, endpoint: manifest.dynamodb });
    const claims: string[] = [];
    let start: Record<string, { S: string }> | undefined;
    do {
      const page = await dynamodb.send(
        new ScanCommand({
          TableName: manifest.tables.markers,
          FilterExpression: 'begins_with(pk, :mail)',
          ExpressionAttributeValues: { ':mail': { S: 'mail#' } },
          ExclusiveStartKey: start,
        }),
      );
      claims.push(...(page.Items ?? []).map((item) => item.pk?.S ?? ''));
      start = page.LastEvaluatedKey as typeof start;
    } while (start);
    dynamodb.destroy();
    expect(claims.sort()).toEqual(orders.map((o) => `mail#${o.id}.confirmation`).sort());
    const { emails } = (await (await fetch(`${manifest.ses}/store`)).json()) as {
      emails: { subject: string }[];
    };
    const mailed = orders.filter((o) => emails.some((e) => e.subject.includes(`#${o.number}`)));
    for (const order of mailed) {
      expect(emails.filter((e) => e.subject.includes(`#${order.number}`))).toHaveLength(1);
    }
    // Every order mailed after the restart has its invoice in the new (in-memory) bucket: the
    // invoice is written before the email.
    const s3 = createS3Client({ ...local, endpoint: manifest.s3 });
    for (const order of mailed) {
      await s3.send(
        new HeadObjectCommand({ Bucket: manifest.invoiceBucket, Key: `invoices/${order.id}.txt` }),
      );
    }
    s3.destroy();

    expect(await second.stop()).toBe(0);
    await expect.poll(() => processesInGroup(second.child.pid!), { timeout: 10_000 }).toEqual([]);
  });
});
