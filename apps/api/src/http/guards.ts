import type { AppDeps } from '../app-deps';
import { requireAdmin, requireShopper } from './auth';
import type { RateLimits } from './rate-limits';
import { requireUtf8Body } from './utf8-body';

/** What every shopper route runs before its input is validated: who, how often, what bytes. */
export const shopperGuards = (deps: AppDeps, limits: RateLimits) => [
  requireShopper(deps),
  limits.shopperWrite,
  requireUtf8Body,
];

/** What every admin route runs before its input is validated. */
export const adminGuards = (deps: AppDeps) => [requireAdmin(deps), requireUtf8Body];
