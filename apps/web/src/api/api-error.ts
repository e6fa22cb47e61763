import type { ErrorCode, Issue } from '@sellout/core/shared/error-codes';

/**
 * What can go wrong with a call: every code of the API's error table, plus three only a client
 * sees — the request never got an answer (NETWORK), the answer was not what the contract
 * promises (BAD_RESPONSE), or a write was refused with the shopper's token, so a new guest
 * session replaced it and the write was not sent again (SESSION_REPLACED).
 */
export type ApiErrorCode = ErrorCode | 'NETWORK' | 'BAD_RESPONSE' | 'SESSION_REPLACED';

/** One line the server could not fill, as OUT_OF_STOCK and PURCHASE_LIMIT_EXCEEDED list them. */
export type StockShortfall = { productId: string; requested: number; available: number };
export type LimitBreach = { productId: string; requested: number; limit: number };
/** A product of NOT_ON_SALE: its drop opens at `saleStartsAt`. */
export type ClosedLine = { productId: string; saleStartsAt: string };

export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly code: ApiErrorCode;
  /** HTTP status; 0 when no answer arrived. */
  readonly status: number;
  readonly details: Record<string, unknown>;
  /** From `Retry-After` (or `details.retryAfterSeconds`) when the server asked us to wait. */
  readonly retryAfterSeconds: number | null;

  constructor(
    code: ApiErrorCode,
    message: string,
    options: {
      status?: number;
      details?: Record<string, unknown> | undefined;
      retryAfterSeconds?: number | null;
      cause?: unknown;
    } = {},
  ) {
    super(message, { cause: options.cause });
    this.code = code;
    this.status = options.status ?? 0;
    this.details = options.details ?? {};
    this.retryAfterSeconds = options.retryAfterSeconds ?? null;
  }

  /** `details.issues` of a VALIDATION_FAILED answer. */
  get issues(): Issue[] {
    return listOf(this.details.issues).flatMap((issue) =>
      typeof issue.path === 'string' && typeof issue.message === 'string'
        ? [{ path: issue.path, message: issue.message }]
        : [],
    );
  }

  /** `details.items` of OUT_OF_STOCK. */
  get shortfalls(): StockShortfall[] {
    return listOf(this.details.items).flatMap((item) =>
      typeof item.productId === 'string' &&
      typeof item.requested === 'number' &&
      typeof item.available === 'number'
        ? [{ productId: item.productId, requested: item.requested, available: item.available }]
        : [],
    );
  }

  /** `details.items` of NOT_ON_SALE. */
  get closedLines(): ClosedLine[] {
    return listOf(this.details.items).flatMap((item) =>
      typeof item.productId === 'string' && typeof item.saleStartsAt === 'string'
        ? [{ productId: item.productId, saleStartsAt: item.saleStartsAt }]
        : [],
    );
  }

  /** `details.items` of PURCHASE_LIMIT_EXCEEDED. */
  get limitBreaches(): LimitBreach[] {
    return listOf(this.details.items).flatMap((item) =>
      typeof item.productId === 'string' &&
      typeof item.requested === 'number' &&
      typeof item.limit === 'number'
        ? [{ productId: item.productId, requested: item.requested, limit: item.limit }]
        : [],
    );
  }
}

const listOf = (value: unknown): Record<string, unknown>[] =>
  Array.isArray(value)
    ? value.filter((v): v is Record<string, unknown> => typeof v === 'object' && v !== null)
    : [];

export const isApiError = (error: unknown, code?: ApiErrorCode): error is ApiError =>
  error instanceof ApiError && (code === undefined || error.code === code);

/**
 * Whether sending the same request again may succeed without the shopper changing anything:
 * no answer, an overloaded store, a rate limit, or a bug that may not repeat.
 */
export const isTransient = (error: unknown) =>
  isApiError(error) &&
  (error.code === 'NETWORK' ||
    error.code === 'UNAVAILABLE' ||
    error.code === 'RATE_LIMITED' ||
    error.code === 'INTERNAL');
