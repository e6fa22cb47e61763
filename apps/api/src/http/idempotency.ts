import { createHash } from 'node:crypto';
import { z } from '@hono/zod-openapi';
import type { IdempotencyClaim } from '@sellout/core/orders/orders-port';

export const idempotencyHeaders = z.object({
  'idempotency-key': z
    .string()
    .regex(/^[\x20-\x7e]{1,255}$/, 'Idempotency-Key is 1–255 printable ASCII characters')
    .optional()
    .openapi({
      description:
        'A fresh key per checkout attempt; a retry with the same key buys nothing twice.',
    }),
});

/** JSON with object keys sorted, so the same request always hashes the same. */
const canonicalJson = (value: unknown): string => {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    let json = '';
    for (const key of Object.keys(record).sort()) {
      if (record[key] === undefined) continue;
      json += `${json === '' ? '' : ','}${JSON.stringify(key)}:${canonicalJson(record[key])}`;
    }
    return `{${json}}`;
  }
  return JSON.stringify(value);
};

/**
 * The key plus a hash of what was asked, so the same key with another request is caught. The
 * hash is computed when first read: a checkout refused before anything is stored (sold out, not
 * on sale) with a key never seen compares no hash and stores none. `body` is the validated
 * input, which nothing changes afterwards.
 */
export const idempotencyClaim = (
  key: string | undefined,
  route: string,
  body: unknown,
): IdempotencyClaim | null => {
  if (key === undefined) return null;
  let requestHash: string | undefined;
  return {
    key,
    get requestHash() {
      requestHash ??= createHash('sha256')
        .update(`${route}\n${canonicalJson(body)}`)
        .digest('base64url');
      return requestHash;
    },
  };
};
