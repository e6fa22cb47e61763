import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, watch } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeBlobStoreContract } from '@sellout/core/testing/side-effects.contract';
import { describe, expect, it } from 'vitest';
import { createFileBlobStore } from './file-blob-store';

const openBlobStore = () => {
  const root = mkdtempSync(join(tmpdir(), 'sellout-blobs-'));
  const tempDir = join(root, 'tmp');
  return { root, tempDir, blobs: createFileBlobStore({ root, tempDir }) };
};

const modeOf = (path: string) => (statSync(path).mode & 0o777).toString(8);

describeBlobStoreContract('file blob store', async () => openBlobStore().blobs);

describe('file blob store', () => {
  it('keeps invoices as plain files under the data directory, and nothing else', async () => {
    const { root, tempDir, blobs } = openBlobStore();
    await blobs.put('invoices/o_1.txt', 'INVOICE', 'text/plain; charset=utf-8');
    await blobs.put('invoices/o_1.txt', 'INVOICE v2', 'text/plain; charset=utf-8');
    expect(readFileSync(join(root, 'invoices', 'o_1.txt'), 'utf8')).toBe('INVOICE v2');
    expect(readdirSync(join(root, 'invoices'))).toEqual(['o_1.txt']);
    expect(readdirSync(tempDir)).toEqual([]);
    expect(existsSync(join(root, 'secrets.json'))).toBe(false);
  });

  it('never shows a half-written invoice in invoices/: it is written in the temporary folder', async () => {
    const { root, blobs } = openBlobStore();
    await blobs.put('invoices/o_0.txt', 'FIRST', 'text/plain; charset=utf-8');
    const seen: string[] = [];
    const watcher = watch(join(root, 'invoices'), (_event, name) => name && seen.push(name));
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        blobs.put(`invoices/o_${i % 5}.txt`, `INVOICE ${i}`, 'text/plain; charset=utf-8'),
      ),
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    watcher.close();
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.filter((name) => !/^o_\d\.txt$/.test(name))).toEqual([]);
  });

  it('keeps invoices for the owner only, whatever the umask', async () => {
    const previous = process.umask(0);
    try {
      const { root, tempDir, blobs } = openBlobStore();
      await blobs.put('invoices/o_1.txt', 'INVOICE', 'text/plain; charset=utf-8');
      expect(modeOf(join(root, 'invoices'))).toBe('700');
      expect(modeOf(tempDir)).toBe('700');
      expect(modeOf(join(root, 'invoices', 'o_1.txt'))).toBe('600');
    } finally {
      process.umask(previous);
    }
  });
});
