import type { ErrorCode, Failure } from './error-codes';

/** What a use case returns for a business outcome. Bugs throw instead. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: Failure };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });

export const err = <T = never>(
  code: ErrorCode,
  message: string,
  details?: Record<string, unknown>,
): Result<T> => ({ ok: false, error: details ? { code, message, details } : { code, message } });
