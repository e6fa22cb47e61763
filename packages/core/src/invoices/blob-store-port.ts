/** Stored files (invoices). `put` replaces the object at `key` whole, so retries overwrite. */
export type BlobStore = {
  put(key: string, body: string, contentType: string): Promise<void>;
  get(key: string): Promise<{ body: string; contentType: string } | null>;
};
