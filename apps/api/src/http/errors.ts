import type { ErrorCode, Failure, Issue } from '@sellout/core/shared/error-codes';
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ZodError } from 'zod';
import { answerJson } from './json-answers';

/** The HTTP status of every error code; a new code without one does not compile. */
export const statusOf = {
  VALIDATION_FAILED: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  OUT_OF_STOCK: 409,
  CART_EMPTY: 409,
  NOT_ON_SALE: 409,
  ORDER_NOT_PENDING: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  PURCHASE_LIMIT_EXCEEDED: 422,
  IDEMPOTENCY_KEY_REUSED: 422,
  RATE_LIMITED: 429,
  UNAVAILABLE: 503,
  INTERNAL: 500,
} as const satisfies Record<ErrorCode, ContentfulStatusCode>;

export const errorBody = (failure: Failure) => ({ error: failure });

export const sendFailure = (c: Context, failure: Failure, headers?: Record<string, string>) =>
  answerJson(c, errorBody(failure), statusOf[failure.code], headers);

export const issuesOf = (error: ZodError): Issue[] =>
  error.issues.map((issue) => ({
    path: issue.path.map(String).join('.'),
    message: issue.message,
  }));

export const validationFailed = (issues: Issue[]): Failure => ({
  code: 'VALIDATION_FAILED',
  message:
    issues.length === 1
      ? `Invalid request: ${issues[0]!.path || 'body'} — ${issues[0]!.message}.`
      : `Invalid request: ${issues.length} problems, see details.issues.`,
  details: { issues },
});
