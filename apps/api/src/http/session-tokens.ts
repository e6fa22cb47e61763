import { createHmac, createSecretKey, timingSafeEqual } from 'node:crypto';
import type { TokenCheck } from '@sellout/core/sessions/token-check';
import { type Clock, createdAtOfId } from '@sellout/core/shared/system';

/**
 * Guest tokens: `v2.<userId>.<issued at, Unix seconds>.<HMAC-SHA256 of all before it>`.
 * Stateless — the signature proves the server issued the id at that time, so nothing is stored
 * per session and any instance can verify. A token lives `ttlMs` (SESSION_TTL_DAYS) from its
 * issue (ADR 46).
 */
export type SessionTokens = {
  issue(userId: string): string;
  check(token: string): TokenCheck;
};

const USER_ID = /^u_[A-Za-z0-9]{1,64}$/;
const ISSUED_AT = /^\d{1,12}$/;

/** Genuine tokens remembered, the oldest forgotten first; a shopper in a rush sends theirs often. */
const REMEMBERED_TOKENS = 10_000;

/** A token whose signature verified: its shopper and issue time (null: genuine but undatable). */
type Genuine = { userId: string; issuedAtMs: number | null };

export const createSessionTokens = ({
  secret,
  clock,
  ttlMs,
}: {
  secret: string;
  clock: Clock;
  ttlMs: number;
}): SessionTokens => {
  // Prepared once: a string secret is turned into a key on every HMAC.
  const key = createSecretKey(Buffer.from(secret));
  const sign = (payload: string) => createHmac('sha256', key).update(payload).digest('base64url');
  const signedBy = (payload: string, signature: string) => {
    const expected = Buffer.from(sign(payload));
    const given = Buffer.from(signature);
    return given.length === expected.length && timingSafeEqual(given, expected);
  };

  /** `v2.<userId>.<issuedAt>.<signature>`: the issue time is signed with the id. */
  const genuineV2 = (parts: string[]): Genuine | null => {
    const [, userId, issuedAt, signature] = parts;
    if (parts.length !== 4 || !userId || !issuedAt || !signature) return null;
    if (!USER_ID.test(userId) || !ISSUED_AT.test(issuedAt)) return null;
    if (!signedBy(`v2.${userId}.${issuedAt}`, signature)) return null;
    return { userId, issuedAtMs: Number(issuedAt) * 1000 };
  };

  /**
   * `v1.<userId>.<signature>`, issued before tokens carried a time. Each went out with its
   * shopper's new id, whose first characters are the moment it was made, under the signature:
   * that is the token's issue time. A genuine one without such an id cannot be dated.
   */
  const genuineV1 = (parts: string[]): Genuine | null => {
    const [, userId, signature] = parts;
    if (parts.length !== 3 || !userId || !signature || !USER_ID.test(userId)) return null;
    if (!signedBy(`v1.${userId}`, signature)) return null;
    return { userId, issuedAtMs: createdAtOfId(userId)?.getTime() ?? null };
  };

  const verify = (token: string): Genuine | null => {
    const parts = token.split('.');
    if (parts[0] === 'v2') return genuineV2(parts);
    if (parts[0] === 'v1') return genuineV1(parts);
    return null;
  };

  // An HMAC per request was a tenth of a refused checkout's cost. Only tokens that verified, or
  // that this server issued, are kept, so forged ones can neither fill the memory nor skip the
  // check; what is kept is the issue time, so a remembered token still expires on the clock.
  const remembered = new Map<string, Genuine>();
  const remember = (token: string, genuine: Genuine) => {
    if (remembered.size >= REMEMBERED_TOKENS) remembered.delete(remembered.keys().next().value!);
    remembered.set(token, genuine);
  };
  const genuineToken = (token: string): Genuine | null => {
    const known = remembered.get(token);
    if (known !== undefined) return known;
    const found = verify(token);
    if (found !== null) remember(token, found);
    return found;
  };

  return {
    issue(userId) {
      const issuedAt = Math.floor(clock.now().getTime() / 1000);
      const payload = `v2.${userId}.${issuedAt}`;
      const token = `${payload}.${sign(payload)}`;
      // A new shopper's next requests bring it at once (cart, checkout): genuine by making.
      remember(token, { userId, issuedAtMs: issuedAt * 1000 });
      return token;
    },
    check(token) {
      const found = genuineToken(token);
      if (found === null) return { kind: 'invalid' };
      if (found.issuedAtMs === null) return { kind: 'expired' };
      return clock.now().getTime() - found.issuedAtMs < ttlMs
        ? { kind: 'valid', userId: found.userId }
        : { kind: 'expired' };
    },
  };
};

/** Compares secrets in constant time, so response timing does not reveal the admin token. */
export const sameSecret = (given: string, expected: string) => {
  const a = createHmac('sha256', 'compare').update(given).digest();
  const b = createHmac('sha256', 'compare').update(expected).digest();
  return timingSafeEqual(a, b);
};
