import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { BlobStore } from '@sellout/core/invoices/blob-store-port';

const SAFE_SEGMENT = /^[A-Za-z0-9_][A-Za-z0-9._-]*$/;

const pathOf = (root: string, key: string) => {
  const segments = key.split('/');
  // Keys come from the core, but a path outside the root must be impossible, not just unlikely.
  if (key.length > 512 || segments.some((s) => !SAFE_SEGMENT.test(s))) {
    throw new Error(`unsafe blob key: ${JSON.stringify(key)}`);
  }
  return join(root, ...segments);
};

/**
 * Blobs as files under `root` (DATA_DIR): `invoices/o_1.txt` is `DATA_DIR/invoices/o_1.txt`.
 * A put writes a temporary file and renames it over the key, so a reader or a crash never sees
 * half an invoice. The content type is derived from the extension on read.
 */
export const createFileBlobStore = (root: string): BlobStore => {
  const madeDirs = new Set<string>();
  return {
    async put(key, body) {
      const path = pathOf(root, key);
      const dir = dirname(path);
      if (!madeDirs.has(dir)) {
        await mkdir(dir, { recursive: true });
        madeDirs.add(dir);
      }
      // Unique per write: two deliveries of one order may write at the same moment.
      const temporary = `${path}.${randomUUID()}.tmp`;
      await writeFile(temporary, body, 'utf8');
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
