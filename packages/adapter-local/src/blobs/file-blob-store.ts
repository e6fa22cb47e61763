import { readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { assertSafeBlobKey } from '@sellout/core/invoices/blob-keys';
import type { BlobStore } from '@sellout/core/invoices/blob-store-port';
import { makePrivateDir, PRIVATE_FILE_MODE, temporaryPath } from '../files/private-files';

const pathOf = (root: string, key: string) => {
  // Keys come from the core, but a path outside the root must be impossible, not just unlikely.
  assertSafeBlobKey(key);
  return join(root, ...key.split('/'));
};

/**
 * Blobs as files under `root` (DATA_DIR): `invoices/o_1.txt` is `DATA_DIR/invoices/o_1.txt`.
 * A put writes a temporary file in `tempDir` (same file system, outside the blobs' folders) and
 * renames it over the key, so a reader never sees half an invoice, and a writer killed mid-write
 * leaves nothing beside the invoices. The content type is derived from the extension on read.
 * Files and folders are the owner's only.
 */
export const createFileBlobStore = (options: { root: string; tempDir: string }): BlobStore => {
  const { root, tempDir } = options;
  const madeDirs = new Set<string>();
  const makeDir = (dir: string) => {
    if (madeDirs.has(dir)) return;
    makePrivateDir(dir);
    madeDirs.add(dir);
  };
  return {
    async put(key, body) {
      const path = pathOf(root, key);
      makeDir(dirname(path));
      makeDir(tempDir);
      // Unique per write: two deliveries of one order may write at the same moment.
      const temporary = temporaryPath(tempDir);
      await writeFile(temporary, body, { encoding: 'utf8', mode: PRIVATE_FILE_MODE });
      await rename(temporary, path);
    },
    async get(key) {
      const path = pathOf(root, key);
      try {
        return { body: await readFile(path, 'utf8'), contentType: contentTypeOf(key) };
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw error;
      }
    },
  };
};

const contentTypeOf = (key: string) =>
  key.endsWith('.txt') ? 'text/plain; charset=utf-8' : 'application/octet-stream';
