import { GetObjectCommand, NoSuchKey, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { assertSafeBlobKey } from '@sellout/core/invoices/blob-keys';
import type { BlobStore } from '@sellout/core/invoices/blob-store-port';

/** How long a presigned invoice link works: long enough to follow, too short to pass around. */
export const DOWNLOAD_URL_SECONDS = 5 * 60;

/** A filename safe inside `filename="…"` of Content-Disposition: the core's own, checked again. */
const SAFE_FILENAME = /^[A-Za-z0-9_][A-Za-z0-9._-]{0,200}$/;

/**
 * Blobs as objects of one private bucket (`invoices/o_1.txt` is that key). A put replaces the
 * object whole, so a retried invoice leaves one. Clients never read the bucket themselves:
 * the API checks the order's owner and answers with a presigned GET of a few minutes.
 */
export const createS3BlobStore = (options: {
  client: S3Client;
  bucket: string;
  downloadUrlSeconds?: number;
}): BlobStore & Required<Pick<BlobStore, 'downloadUrl'>> => {
  const { client, bucket } = options;
  return {
    async put(key, body, contentType) {
      assertSafeBlobKey(key);
      await client.send(
        new PutObjectCommand({ Bucket: bucket, Key: key, Body: body, ContentType: contentType }),
      );
    },
    async get(key) {
      assertSafeBlobKey(key);
      try {
        const object = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
        return {
          body: (await object.Body?.transformToString('utf-8')) ?? '',
          contentType: object.ContentType ?? 'application/octet-stream',
        };
      } catch (error) {
        if (error instanceof NoSuchKey) return null;
        throw error;
      }
    },
    async downloadUrl(key, { filename }) {
      assertSafeBlobKey(key);
      if (!SAFE_FILENAME.test(filename)) throw new Error(`unsafe filename: ${filename}`);
      return getSignedUrl(
        client,
        new GetObjectCommand({
          Bucket: bucket,
          Key: key,
          ResponseContentDisposition: `inline; filename="${filename}"`,
        }),
        { expiresIn: options.downloadUrlSeconds ?? DOWNLOAD_URL_SECONDS },
      );
    },
  };
};
