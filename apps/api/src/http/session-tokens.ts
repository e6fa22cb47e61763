import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Guest tokens: `v1.<userId>.<HMAC-SHA256 of "v1.<userId>">`. Stateless — the signature proves
 * the server issued the id, so nothing is stored per session and any instance can verify.
 */
export type SessionTokens = {
  issue(userId: string): string;
  /** The user id a genuine token carries; null for anything else. */
  verify(token: string): string | null;
};

const USER_ID = /^u_[A-Za-z0-9]{1,64}$/;

/** Genuine tokens remembered, the oldest forgotten first; a shopper in a rush sends theirs often. */
const REMEMBERED_TOKENS = 10_000;

export const createSessionTokens = (secret: string): SessionTokens => {
  const sign = (payload: string) =>
    createHmac('sha256', secret).update(payload).digest('base64url');
  const check = (token: string) => {
    const [version, userId, signature, ...rest] = token.split('.');
    if (version !== 'v1' || !userId || !signature || rest.length > 0 || !USER_ID.test(userId))
      return null;
    const expected = Buffer.from(sign(`v1.${userId}`));
    const given = Buffer.from(signature);
    return given.length === expected.length && timingSafeEqual(given, expected) ? userId : null;
  };
  // An HMAC per request was a tenth of a refused checkout's cost. Only tokens that verified are
  // kept, so forged ones can neither fill the memory nor skip the check.
  const genuine = new Map<string, string>();
  return {
    issue: (userId) => `v1.${userId}.${sign(`v1.${userId}`)}`,
    verify(token) {
      const known = genuine.get(token);
      if (known !== undefined) return known;
      const userId = check(token);
      if (userId === null) return null;
      if (genuine.size >= REMEMBERED_TOKENS) genuine.delete(genuine.keys().next().value!);
      genuine.set(token, userId);
      return userId;
    },
  };
};

/** Compares secrets in constant time, so response timing does not reveal the admin token. */
export const sameSecret = (given: string, expected: string) => {
  const a = createHmac('sha256', 'compare').update(given).digest();
  const b = createHmac('sha256', 'compare').update(expected).digest();
  return timingSafeEqual(a, b);
};
