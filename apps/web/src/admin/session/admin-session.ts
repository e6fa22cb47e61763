const KEY = 'sellout.admin-token';

export type AdminSessionStore = {
  read(): string | null;
  write(token: string | null): void;
};

/**
 * The admin token lives in sessionStorage: it is kept for this browser tab only (a reload keeps
 * it, closing the tab forgets it) and never reaches localStorage, where the shopper's guest
 * session is, or another tab.
 */
export const createAdminSessionStore = (storage: Storage | null): AdminSessionStore => {
  let memory: string | null = null;
  return {
    read() {
      try {
        return storage?.getItem(KEY) || memory;
      } catch {
        return memory;
      }
    },
    write(token) {
      memory = token;
      try {
        if (token) storage?.setItem(KEY, token);
        else storage?.removeItem(KEY);
      } catch {
        // Kept in memory for this page only.
      }
    },
  };
};

export const tabStorage = (): Storage | null => {
  try {
    return globalThis.sessionStorage ?? null;
  } catch {
    return null;
  }
};
