/** Every failure a client can see. The HTTP status of each lives in apps/api. */
export type ErrorCode =
  /** Malformed JSON, wrong types, unknown fields, out-of-range values (`details.issues`). */
  | 'VALIDATION_FAILED'
  /** Missing, malformed, forged or expired (SESSION_TTL_DAYS) bearer token. */
  | 'UNAUTHORIZED'
  /** Authenticated, but this caller may not do this (a shopper on an admin route). */
  | 'FORBIDDEN'
  /** Unknown product, order or route — also another shopper's order, so ids do not leak. */
  | 'NOT_FOUND'
  /** Not enough stock for at least one line (`details.items`). */
  | 'OUT_OF_STOCK'
  /** Cart checkout with nothing in the cart. */
  | 'CART_EMPTY'
  /** A product whose scheduled drop has not opened yet (`details.items`, DESIGN §12). */
  | 'NOT_ON_SALE'
  /** An admin action on an order that is no longer PENDING (e.g. cancelling a processed one). */
  | 'ORDER_NOT_PENDING'
  /** Request body over the size limit. */
  | 'PAYLOAD_TOO_LARGE'
  /** A body that is not `application/json`. */
  | 'UNSUPPORTED_MEDIA_TYPE'
  /** More than `maxPerOrder`, or than the customer may still buy of `maxPerCustomer`. */
  | 'PURCHASE_LIMIT_EXCEEDED'
  /** The same Idempotency-Key was sent with a different request. */
  | 'IDEMPOTENCY_KEY_REUSED'
  /** Too many requests from this shopper or address; retry after `Retry-After` seconds. */
  | 'RATE_LIMITED'
  /** The store is overloaded or a dependency is throttling; retry after `Retry-After` seconds. */
  | 'UNAVAILABLE'
  /** A bug. The body carries only a request id. */
  | 'INTERNAL';

export type Failure = {
  code: ErrorCode;
  message: string;
  details?: Record<string, unknown>;
};

/** One problem with an input, as listed in `details.issues`. */
export type Issue = { path: string; message: string };
