import { useQueryClient } from '@tanstack/react-query';
import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from 'react';
import type { ApiRequest, SchemaOf } from '../../api/api-client';
import { useApi } from '../../api/api-context';
import { isApiError } from '../../api/api-error';
import type { AdminSessionStore } from './admin-session';

export const SIGNED_OUT_REFUSED =
  'The shop no longer accepts that admin token (it may have been changed). Sign in again with the current one.';

export type AdminApi = {
  /** A JSON admin call with the admin token; a 401 signs the console out. */
  json<T>(pick: SchemaOf<T>, request: ApiRequest): Promise<T>;
  text(request: ApiRequest): Promise<string>;
};

type AdminSession = {
  token: string | null;
  /** Why the console was signed out, shown on the sign-in form. */
  notice: string | null;
  signIn(token: string): void;
  signOut(notice?: string | null): void;
  api: AdminApi;
};

const AdminContext = createContext<AdminSession | null>(null);

export const AdminSessionProvider = ({
  store,
  children,
}: {
  store: AdminSessionStore;
  children: ReactNode;
}) => {
  const shop = useApi();
  const queryClient = useQueryClient();
  const [token, setToken] = useState(() => store.read());
  const [notice, setNotice] = useState<string | null>(null);

  const signOut = useCallback(
    (why: string | null = null) => {
      store.write(null);
      setToken(null);
      setNotice(why);
      // Nothing read with the old token stays on screen for whoever signs in next.
      queryClient.removeQueries({ queryKey: ['admin'] });
    },
    [store, queryClient],
  );

  const signIn = useCallback(
    (next: string) => {
      store.write(next);
      setToken(next);
      setNotice(null);
    },
    [store],
  );

  const api = useMemo<AdminApi>(() => {
    const withToken = (request: ApiRequest): ApiRequest => ({
      ...request,
      headers: { ...request.headers, Authorization: `Bearer ${store.read() ?? ''}` },
    });
    const guarded = async <T,>(call: () => Promise<T>) => {
      try {
        return await call();
      } catch (error) {
        if (isApiError(error, 'UNAUTHORIZED')) signOut(SIGNED_OUT_REFUSED);
        throw error;
      }
    };
    return {
      json: (pick, request) => guarded(() => shop.json(pick, withToken(request))),
      text: (request) => guarded(() => shop.text(withToken(request))),
    };
  }, [shop, store, signOut]);

  const value = useMemo(
    () => ({ token, notice, signIn, signOut, api }),
    [token, notice, signIn, signOut, api],
  );
  return <AdminContext.Provider value={value}>{children}</AdminContext.Provider>;
};

export const useAdmin = (): AdminSession => {
  const session = useContext(AdminContext);
  if (!session) throw new Error('useAdmin needs an <AdminSessionProvider> above it');
  return session;
};

export const useAdminApi = () => useAdmin().api;
