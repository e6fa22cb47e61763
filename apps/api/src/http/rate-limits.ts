import type { MiddlewareHandler } from 'hono';
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
  const limit =
    (
      take: (
        c: Parameters<MiddlewareHandler<AppEnv>>[0],
      ) => ReturnType<NonNullable<typeof writes>['take']> | null,
    ): MiddlewareHandler<AppEnv> =>
    async (c, next) => {
      const verdict = take(c);
      if (verdict && !verdict.allowed) {
        return sendFailure(c, rateLimited(verdict.retryAfterSeconds), {
          'Retry-After': String(verdict.retryAfterSeconds),
        });
      }
      await next();
    };
  return {
    /** After requireShopper: one token per write by this shopper. */
    shopperWrite: limit((c) =>
      c.req.method === 'GET' || !writes ? null : writes.take(c.get('userId')),
    ),
    /** One token per session created from this address. */
    newSession: limit((c) => sessions?.take(deps.clientAddress(c)) ?? null),
  };
};

export type RateLimits = ReturnType<typeof createRateLimits>;
