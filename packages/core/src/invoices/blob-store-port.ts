/** Stored files (invoices). `put` replaces the object at `key` whole, so retries overwrite. */
export type BlobStore = {
  put(key: string, body: string, contentType: string): Promise<void>;
  get(key: string): Promise<{ body: string; contentType: string } | null>;
  /**
   * A store whose objects a client can fetch directly (S3, by a presigned URL) offers a
   * short-lived download link, and the API redirects to it instead of relaying the body. The
   * caller has checked that the object exists and who may read it: the link is a capability.
   */
  downloadUrl?(key: string, options: { filename: string }): Promise<string>;
};
