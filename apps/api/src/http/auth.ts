import type { Context } from 'hono';
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
 * `error="invalid_token"` when one came but is not genuine (forged, malformed, another shop's)
 * or has expired, which the description says.
 */
const challenge = (header: string | undefined, expired = false) => ({
  'WWW-Authenticate': /^bearer(?:\s|$)/i.test(header ?? '')
    ? `Bearer realm="${REALM}", error="invalid_token"${
        expired ? ', error_description="The session expired"' : ''
      }`
    : `Bearer realm="${REALM}"`,
});

const expiredSession = {
  code: 'UNAUTHORIZED' as const,
  message: 'This guest session expired; start a new one with POST /api/session.',
};

/**
 * Shopper routes: a genuine, unexpired guest token, or the 401 to answer. Runs before the body
 * is looked at; on success the shopper's id is set on the context (`userId`) and on its log.
 */
export const shopperRefusal =
  (deps: Pick<AppDeps, 'tokens'>) =>
  (c: Context<AppEnv>): Response | null => {
    const header = c.req.header('Authorization');
    const token = bearer(header);
    const check = token ? deps.tokens.check(token) : null;
    if (check?.kind === 'expired') return sendFailure(c, expiredSession, challenge(header, true));
    if (check?.kind !== 'valid') return sendFailure(c, unauthorized, challenge(header));
    c.set('userId', check.userId);
    c.get('log').bind({ userId: check.userId });
    return null;
  };

/** Admin routes: the admin token, or 403 for a live shopper's token, 401 for anything else. */
export const adminRefusal =
  (deps: Pick<AppDeps, 'tokens' | 'adminToken'>) =>
  (c: Context<AppEnv>): Response | null => {
    const token = bearer(c.req.header('Authorization'));
    if (token && sameSecret(token, deps.adminToken)) return null;
    if (token && deps.tokens.check(token).kind === 'valid') {
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
