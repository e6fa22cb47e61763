import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeBlobStoreContract } from '@sellout/core/testing/side-effects.contract';
import { describe, expect, it } from 'vitest';
import { createFileBlobStore } from './file-blob-store';

describeBlobStoreContract('file blob store', async () =>
  createFileBlobStore(mkdtempSync(join(tmpdir(), 'sellout-blobs-'))),
);

describe('file blob store', () => {
  it('keeps invoices as plain files under the data directory, and nothing else', async () => {
    const root = mkdtempSync(join(tmpdir(), 'sellout-blobs-'));
    const blobs = createFileBlobStore(root);
    await blobs.put('invoices/o_1.txt', 'INVOICE', 'text/plain; charset=utf-8');
    await blobs.put('invoices/o_1.txt', 'INVOICE v2', 'text/plain; charset=utf-8');
    expect(readFileSync(join(root, 'invoices', 'o_1.txt'), 'utf8')).toBe('INVOICE v2');
    expect(readdirSync(join(root, 'invoices'))).toEqual(['o_1.txt']);
    expect(existsSync(join(root, 'secrets.json'))).toBe(false);
  });
});
