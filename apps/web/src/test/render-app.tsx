import type { QueryClient } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { type Location, MemoryRouter, useLocation, useNavigate } from 'react-router';
import { createApiClient } from '../api/api-client';
import { createSessionStore } from '../api/session-store';
import { AppProviders } from '../app/providers';
import { createQueryClient } from '../app/query-client';
import { AppRoutes } from '../app/routes';
import type { LiveSocket } from '../features/live/live-client';
import { createFakeApi, type FakeApi } from './fake-api';

/** The production query client, minus the waits between retries a test has no time for. */
export const testQueryClient = (): QueryClient => {
  const client = createQueryClient();
  const defaults = client.getDefaultOptions();
  client.setDefaultOptions({
    ...defaults,
    queries: { ...defaults.queries, retry: false },
  });
  return client;
};

/**
 * The whole storefront at `path`, talking to a fake API through the real client. Live updates
 * are off unless the test hands in a socket factory.
 */
export const renderApp = (
  path: string,
  options: {
    api?: FakeApi;
    createSocket?: ((url: string) => LiveSocket) | null;
    queryClient?: QueryClient;
  } = {},
) => {
  const fake = options.api ?? createFakeApi();
  const api = createApiClient({ sessions: createSessionStore(localStorage), fetch: fake.fetch });
  const queryClient = options.queryClient ?? testQueryClient();
  const router = {
    state: { location: null as unknown as Location },
    navigate: async (_to: string) => {},
  };
  /** Lets a test see where the shop is and send it elsewhere, as a data router would. */
  const Probe = () => {
    router.state.location = useLocation();
    const navigate = useNavigate();
    router.navigate = async (to) => navigate(to);
    return null;
  };
  const user = userEvent.setup({ delay: null });
  const view = render(
    <AppProviders api={api} queryClient={queryClient} createSocket={options.createSocket ?? null}>
      <MemoryRouter initialEntries={[path]}>
        <Probe />
        <AppRoutes />
      </MemoryRouter>
    </AppProviders>,
  );
  return { ...view, user, fake, router, queryClient, api };
};

/** Stores a session the fake knows, as a returning shopper would have it. */
export const signedInAs = (
  fake: FakeApi,
  lines: { productId: string; quantity: number }[] = [],
) => {
  const token = `token-returning-${Math.random().toString(36).slice(2)}`;
  const userId = fake.seedCart(token, lines);
  localStorage.setItem('sellout.session', JSON.stringify({ token, userId }));
  return { token, userId };
};

/** Signs the console in for this tab, as an owner who entered the admin token would be. */
export const signedInAsAdmin = (fake: FakeApi) => {
  sessionStorage.setItem('sellout.admin-token', fake.adminToken);
};
