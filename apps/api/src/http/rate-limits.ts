import type { Context, MiddlewareHandler } from 'hono';
import type { AppDeps, AppEnv } from '../app-deps';
import { sendFailure } from './errors';
import { createTokenBuckets } from './token-bucket';

/** The limits of DESIGN §8: per shopper on writes, per address on new sessions. */
export const DEFAULT_RATE_LIMITS = {
  shopperWrites: { burst: 120, perSecond: 20 },
  sessionsPerAddress: { burst: 1000, perSecond: 50 },
};

const rateLimited = (retryAfterSeconds: number) => ({
  code: 'RATE_LIMITED' as const,
  message: `Too many requests; try again in ${retryAfterSeconds} s.`,
  details: { retryAfterSeconds },
});

/**
 * Limits are per shopper and per address, never global: a flash sale is many shoppers at once,
 * and one noisy client must not slow the others down.
 */
export const createRateLimits = (deps: Pick<AppDeps, 'rateLimits' | 'clock' | 'clientAddress'>) => {
  const now = () => deps.clock.now().getTime();
  const writes = deps.rateLimits && createTokenBuckets(deps.rateLimits.shopperWrites, now);
  const sessions = deps.rateLimits && createTokenBuckets(deps.rateLimits.sessionsPerAddress, now);
  type Take = (c: Context<AppEnv>) => ReturnType<NonNullable<typeof writes>['take']> | null;
  const refusal =
    (take: Take) =>
    (c: Context<AppEnv>): Response | null => {
      const verdict = take(c);
      if (!verdict || verdict.allowed) return null;
      return sendFailure(c, rateLimited(verdict.retryAfterSeconds), {
        'Retry-After': String(verdict.retryAfterSeconds),
      });
    };
  const newSessionRefusal = refusal((c) => sessions?.take(deps.clientAddress(c)) ?? null);
  const newSession: MiddlewareHandler<AppEnv> = async (c, next) => newSessionRefusal(c) ?? next();
  return {
    /** After the shopper is known: one token per write by this shopper, or the 429 to answer. */
    shopperWriteRefusal: refusal((c) =>
      c.req.method === 'GET' || !writes ? null : writes.take(c.get('userId')),
    ),
    /** One token per session created from this address. */
    newSession,
  };
};

export type RateLimits = ReturnType<typeof createRateLimits>;
