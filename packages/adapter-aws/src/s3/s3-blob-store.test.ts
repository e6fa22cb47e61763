import { randomBytes } from 'node:crypto';
import { describeBlobStoreContract } from '@sellout/core/testing/side-effects.contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalSqsAndS3 } from '../testing/fauxqs';
import { ensureBucket } from './create-bucket';
import { createS3BlobStore } from './s3-blob-store';
import { createS3Client } from './s3-client';

const local = await startLocalSqsAndS3();
const client = createS3Client(local.clientOptions);
afterAll(async () => {
  client.destroy();
  await local.stop();
});

const openStore = async () => {
  const bucket = `t-invoices-${randomBytes(4).toString('hex')}`;
  await ensureBucket(client, bucket);
  return createS3BlobStore({ client, bucket });
};

describeBlobStoreContract('S3 (fauxqs)', openStore);

describe('S3 blob store', () => {
  let store: Awaited<ReturnType<typeof openStore>>;
  beforeAll(async () => {
    store = await openStore();
  });

  it('gives a presigned GET that downloads the invoice without credentials, named for the shopper', async () => {
    await store.put(
      'invoices/o_DL1.txt',
      'INVOICE o_DL1\nTotal: €12.50\n',
      'text/plain; charset=utf-8',
    );
    const url = new URL(
      await store.downloadUrl('invoices/o_DL1.txt', { filename: 'invoice-o_DL1.txt' }),
    );
    expect(url.searchParams.get('X-Amz-Expires')).toBe('300');
    expect(url.searchParams.get('X-Amz-Signature')).toMatch(/^[0-9a-f]{64}$/);
    const response = await fetch(url);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(await response.text()).toBe('INVOICE o_DL1\nTotal: €12.50\n');
  });

  it('refuses to sign a link for a key or filename that could escape', async () => {
    await expect(store.downloadUrl('../secrets.json', { filename: 'x.txt' })).rejects.toThrow();
    await expect(
      store.downloadUrl('invoices/o_1.txt', { filename: 'a";evil=".txt' }),
    ).rejects.toThrow();
  });
});
