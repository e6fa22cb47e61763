import type { MiddlewareHandler } from 'hono';
import type { AppDeps, AppEnv } from '../app-deps';
import { adminRefusal, shopperRefusal } from './auth';
import type { RateLimits } from './rate-limits';
import { utf8BodyRefusal } from './utf8-body';

/*
 * The checks a route runs before its input is validated, in order, as one middleware layer:
 * each layer of Hono's composition costs a promise and a turn of the microtask queue, and the
 * checks are plain questions (ADR 41). The first refusal is the answer.
 */

/** Shopper routes: who (401), how often (429), what bytes (415/400). */
export const shopperGuards = (deps: AppDeps, limits: RateLimits) => {
  const shopper = shopperRefusal(deps);
  const guard: MiddlewareHandler<AppEnv> = async (c, next) =>
    shopper(c) ?? limits.shopperWriteRefusal(c) ?? (await utf8BodyRefusal(c)) ?? next();
  return [guard];
};

/** Admin routes: the admin token (401/403), then what bytes (415/400). */
export const adminGuards = (deps: AppDeps) => {
  const admin = adminRefusal(deps);
  const guard: MiddlewareHandler<AppEnv> = async (c, next) =>
    admin(c) ?? (await utf8BodyRefusal(c)) ?? next();
  return [guard];
};
