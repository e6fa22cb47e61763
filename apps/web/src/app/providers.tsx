import { type QueryClient, QueryClientProvider, useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useEffect } from 'react';
import type { ApiClient } from '../api/api-client';
import { ApiProvider, useApi } from '../api/api-context';
import { queryKeys } from '../api/query-keys';
import type { LiveSocket } from '../features/live/live-client';
import { LiveProvider } from '../features/live/live-provider';

/**
 * When the server refused the stored token and a new guest session replaced it, the cart and
 * orders on screen belong to the old shopper: read them again as the new one.
 */
const ForgetOldShopper = () => {
  const api = useApi();
  const queryClient = useQueryClient();
  useEffect(() => {
    let token = api.session.current()?.token;
    return api.session.subscribe(() => {
      const next = api.session.current()?.token;
      if (token && next !== token) {
        for (const queryKey of [queryKeys.cart, queryKeys.orders, queryKeys.recommendations]) {
          void queryClient.invalidateQueries({ queryKey });
        }
      }
      token = next;
    });
  }, [api, queryClient]);
  return null;
};

/** Everything the pages need around them; tests pass a fake-fetch client and a fake socket. */
export const AppProviders = ({
  api,
  queryClient,
  createSocket,
  children,
}: {
  api: ApiClient;
  queryClient: QueryClient;
  createSocket?: ((url: string) => LiveSocket) | null;
  children: ReactNode;
}) => (
  <ApiProvider client={api}>
    <QueryClientProvider client={queryClient}>
      <ForgetOldShopper />
      <LiveProvider {...(createSocket !== undefined ? { createSocket } : {})}>
        {children}
      </LiveProvider>
    </QueryClientProvider>
  </ApiProvider>
);
