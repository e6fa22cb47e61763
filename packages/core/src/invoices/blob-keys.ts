const SAFE_SEGMENT = /^[A-Za-z0-9_][A-Za-z0-9._-]*$/;

/**
 * A blob key is slash-separated segments of safe characters, never `.` or `..`: every store
 * refuses any other, so a key can never reach outside its folder (a file path, an S3 prefix).
 */
export const assertSafeBlobKey = (key: string) => {
  if (key.length > 512 || key.split('/').some((segment) => !SAFE_SEGMENT.test(segment))) {
    throw new Error(`unsafe blob key: ${JSON.stringify(key)}`);
  }
};
