/**
 * What checking a guest token found: whose it is, or why it is refused — `expired` for a
 * genuine token older than SESSION_TTL_DAYS, so the refusal can say so (ADR 46).
 */
export type TokenCheck =
  | { kind: 'valid'; userId: string }
  | { kind: 'expired' }
  | { kind: 'invalid' };
