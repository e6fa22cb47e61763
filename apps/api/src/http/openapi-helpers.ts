import type { z } from '@hono/zod-openapi';
import { errorJsonSchemaOf } from '@sellout/core/contract/api-responses';
import type { ErrorCode } from '@sellout/core/shared/error-codes';
import { statusOf } from './errors';

/*
 * Helpers to declare request bodies and responses of routes. The response shapes themselves are
 * defined once, in core (`contract/api-responses.ts`), and shared with the storefront; their zod
 * `meta({ id })` names them in the OpenAPI document.
 */

export const json = <T extends z.ZodType>(schema: T, description: string) => ({
  content: { 'application/json': { schema } },
  description,
});

export const jsonBody = <T extends z.ZodType>(schema: T) => ({
  body: { content: { 'application/json': { schema } }, required: true },
});

/** What each code means to a client, as the document says it next to the status. */
const MEANING = {
  VALIDATION_FAILED:
    'the input is malformed: bad JSON, wrong types, unknown fields, out-of-range values (`details.issues`: `[{path, message}]`)',
  UNAUTHORIZED: 'the bearer token is missing, malformed or forged',
  FORBIDDEN: 'a shopper token on an admin operation',
  NOT_FOUND: 'no such product or order (another shopper’s order is not found either)',
  OUT_OF_STOCK:
    'not enough stock for a line (`details.items`: `[{productId, requested, available}]`); nothing was reserved',
  CART_EMPTY: 'the cart has nothing to check out',
  NOT_ON_SALE:
    'a product’s scheduled drop has not opened yet (`details.items`: `[{productId, saleStartsAt}]`); nothing was reserved',
  ORDER_NOT_PENDING:
    'the order is already processed or cancelled (`details`: `{orderId, status}`); nothing changed',
  PAYLOAD_TOO_LARGE: 'the body is over 64 KiB',
  UNSUPPORTED_MEDIA_TYPE: 'the body is not UTF-8 JSON (`Content-Type: application/json`)',
  PURCHASE_LIMIT_EXCEEDED:
    'more units than the product’s `maxPerOrder` (`details.items`: `[{productId, requested, limit}]`), or than the customer may still buy under `maxPerCustomer` (`details.items`: `[{productId, requested, limit, remaining}]`)',
  IDEMPOTENCY_KEY_REUSED: 'this Idempotency-Key was used for a different request',
  RATE_LIMITED: 'too many requests from this shopper or address; retry after `Retry-After` seconds',
  UNAVAILABLE: 'the store is busy; retry after `Retry-After` seconds',
  INTERNAL: 'a bug on the server; the body carries only a request id (`details.requestId`)',
} satisfies Record<ErrorCode, string>;

/**
 * The error answers an operation can really give, one response per status (409 with
 * `OUT_OF_STOCK`, 422 with `PURCHASE_LIMIT_EXCEEDED`, …), each naming its codes. Every operation
 * lists `INTERNAL`, since a bug can happen anywhere.
 */
type ErrorStatus = (typeof statusOf)[ErrorCode];
type ErrorResponse = ReturnType<typeof json<ReturnType<typeof errorJsonSchemaOf>>>;

export const errorResponses = (
  ...codes: ErrorCode[]
): { [Status in ErrorStatus]?: ErrorResponse } => {
  const byStatus = new Map<ErrorStatus, ErrorCode[]>();
  for (const code of new Set<ErrorCode>([...codes, 'INTERNAL'])) {
    const status = statusOf[code];
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  const responses: { [Status in ErrorStatus]?: ErrorResponse } = {};
  for (const [status, group] of [...byStatus].sort(([a], [b]) => a - b)) {
    responses[status] = json(
      errorJsonSchemaOf(group as [ErrorCode, ...ErrorCode[]]),
      group.map((code) => `\`${code}\`: ${MEANING[code]}.`).join(' '),
    );
  }
  return responses;
};

/*
 * The codes that guards answer before a route's own logic, in the order they run
 * (DESIGN §8: authentication, then rate limits, then the body).
 */

/** A request that may carry a body: the size limit, then the UTF-8 JSON check. */
export const BODY_ERRORS = [
  'PAYLOAD_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  'VALIDATION_FAILED',
] as const satisfies ErrorCode[];
/** A shopper operation that reads. */
export const SHOPPER_READ_ERRORS = ['UNAUTHORIZED', 'UNAVAILABLE'] as const satisfies ErrorCode[];
/** A shopper operation that writes: counted against the shopper's rate limit. */
export const SHOPPER_WRITE_ERRORS = [
  'UNAUTHORIZED',
  'RATE_LIMITED',
  ...BODY_ERRORS,
  'UNAVAILABLE',
] as const satisfies ErrorCode[];
/** Any admin operation. */
export const ADMIN_ERRORS = [
  'UNAUTHORIZED',
  'FORBIDDEN',
  'UNAVAILABLE',
] as const satisfies ErrorCode[];
