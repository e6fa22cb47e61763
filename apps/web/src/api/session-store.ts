import type { Session } from './response-types';

const KEY = 'sellout.session';

/*
 * What is stored was checked against the contract when the API answered it; reading it back only
 * has to guard against a value another script or an old version left there. A plain check keeps
 * the schemas (and zod) off the first load.
 */
const isSession = (value: unknown): value is Session =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as Session).token === 'string' &&
  (value as Session).token.length > 0 &&
  typeof (value as Session).userId === 'string';

export type SessionStore = {
  read(): Session | null;
  write(session: Session | null): void;
  /** Called when this tab creates or drops the session; returns the unsubscribe function. */
  subscribe(listener: () => void): () => void;
};

/**
 * The guest session, kept in localStorage so the cart and orders survive a reload and are shared
 * by the shopper's tabs. Storage can be unavailable (private windows, a full quota); the shop
 * then still works for this tab, in memory.
 */
export const createSessionStore = (storage: Storage | null): SessionStore => {
  let memory: Session | null = null;
  const listeners = new Set<() => void>();
  return {
    read() {
      try {
        const raw = storage?.getItem(KEY);
        if (raw) {
          const stored: unknown = JSON.parse(raw);
          if (isSession(stored)) return stored;
        }
      } catch {
        // Unreadable storage or a corrupt value: fall back to what this tab knows.
      }
      return memory;
    },
    write(session) {
      memory = session;
      try {
        if (session) storage?.setItem(KEY, JSON.stringify(session));
        else storage?.removeItem(KEY);
      } catch {
        // Kept in memory only; see above.
      }
      for (const listener of listeners) listener();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
  };
};

export const browserStorage = (): Storage | null => {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
};
