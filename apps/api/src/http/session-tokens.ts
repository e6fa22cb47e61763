import { createHmac, timingSafeEqual } from 'node:crypto';
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

export const createSessionTokens = ({
  secret,
  clock,
  ttlMs,
}: {
  secret: string;
  clock: Clock;
  ttlMs: number;
}): SessionTokens => {
  const sign = (payload: string) =>
    createHmac('sha256', secret).update(payload).digest('base64url');
  const genuine = (payload: string, signature: string) => {
    const expected = Buffer.from(sign(payload));
    const given = Buffer.from(signature);
    return given.length === expected.length && timingSafeEqual(given, expected);
  };
  const fresh = (userId: string, issuedAtMs: number): TokenCheck =>
    clock.now().getTime() - issuedAtMs < ttlMs ? { kind: 'valid', userId } : { kind: 'expired' };

  /** `v2.<userId>.<issuedAt>.<signature>`: the issue time is signed with the id. */
  const checkV2 = (parts: string[]): TokenCheck => {
    const [, userId, issuedAt, signature] = parts;
    if (parts.length !== 4 || !userId || !issuedAt || !signature) return { kind: 'invalid' };
    if (!USER_ID.test(userId) || !ISSUED_AT.test(issuedAt)) return { kind: 'invalid' };
    if (!genuine(`v2.${userId}.${issuedAt}`, signature)) return { kind: 'invalid' };
    return fresh(userId, Number(issuedAt) * 1000);
  };

  /**
   * `v1.<userId>.<signature>`, issued before tokens carried a time. Each went out with its
   * shopper's new id, whose first characters are the moment it was made, under the signature:
   * that is the token's issue time. A genuine one without such an id cannot be dated.
   */
  const checkV1 = (parts: string[]): TokenCheck => {
    const [, userId, signature] = parts;
    if (parts.length !== 3 || !userId || !signature || !USER_ID.test(userId))
      return { kind: 'invalid' };
    if (!genuine(`v1.${userId}`, signature)) return { kind: 'invalid' };
    const issuedAt = createdAtOfId(userId);
    return issuedAt ? fresh(userId, issuedAt.getTime()) : { kind: 'expired' };
  };

  return {
    issue(userId) {
      const payload = `v2.${userId}.${Math.floor(clock.now().getTime() / 1000)}`;
      return `${payload}.${sign(payload)}`;
    },
    check(token) {
      const parts = token.split('.');
      if (parts[0] === 'v2') return checkV2(parts);
      if (parts[0] === 'v1') return checkV1(parts);
      return { kind: 'invalid' };
    },
  };
};

/** Compares secrets in constant time, so response timing does not reveal the admin token. */
export const sameSecret = (given: string, expected: string) => {
  const a = createHmac('sha256', 'compare').update(given).digest();
  const b = createHmac('sha256', 'compare').update(expected).digest();
  return timingSafeEqual(a, b);
};
