import type { MiddlewareHandler } from 'hono';
import type { AppDeps, AppEnv } from '../app-deps';
import { sendFailure } from './errors';
import { sameSecret } from './session-tokens';

const bearer = (header: string | undefined) => {
  const match = header?.match(/^Bearer ([\x21-\x7e]{1,512})$/);
  return match ? match[1]! : null;
};

const unauthorized = {
  code: 'UNAUTHORIZED' as const,
  message: 'Send "Authorization: Bearer <token>" with a token from POST /api/session.',
};

const REALM = 'sellout';

/**
 * The challenge of a 401 (RFC 6750 §3): a bare one when no bearer token came, and
 * `error="invalid_token"` when one came but is not genuine (forged, malformed, another shop's).
 */
const challenge = (header: string | undefined) => ({
  'WWW-Authenticate': /^bearer(?:\s|$)/i.test(header ?? '')
    ? `Bearer realm="${REALM}", error="invalid_token"`
    : `Bearer realm="${REALM}"`,
});
/** Shopper routes: a genuine guest token, or 401. Runs before the body is looked at. */
export const requireShopper =
  (deps: Pick<AppDeps, 'tokens'>): MiddlewareHandler<AppEnv> =>
  async (c, next) => {
    const token = bearer(c.req.header('Authorization'));
    const userId = token && deps.tokens.verify(token);
    if (!userId) return sendFailure(c, unauthorized, challenge(c.req.header('Authorization')));
    c.set('userId', userId);
    c.get('log').bind({ userId });
    await next();
  };

/** Admin routes: the admin token, 403 for a shopper's token, 401 for anything else. */
export const requireAdmin =
  (deps: Pick<AppDeps, 'tokens' | 'adminToken'>): MiddlewareHandler<AppEnv> =>
  async (c, next) => {
    const token = bearer(c.req.header('Authorization'));
    if (token && sameSecret(token, deps.adminToken)) return next();
    if (token && deps.tokens.verify(token)) {
      return sendFailure(c, {
        code: 'FORBIDDEN',
        message: 'This needs the admin token; shopper tokens cannot manage the store.',
      });
    }
    return sendFailure(
      c,
      { ...unauthorized, message: 'Send "Authorization: Bearer <ADMIN_TOKEN>".' },
      challenge(c.req.header('Authorization')),
    );
  };
