import { QueryClient } from '@tanstack/react-query';
import { isApiError, isTransient } from '../api/api-error';

/**
 * Reads retry what may pass on its own (no connection, a busy store) and nothing else: a 404
 * or a validation error will not change by asking again.
 */
export const createQueryClient = () =>
  new QueryClient({
    defaultOptions: {
      queries: {
        // Stock arrives live, so reads can stay fresh for a while without going stale.
        staleTime: 30_000,
        retry: (failures, error) => isTransient(error) && failures < 3,
        retryDelay: (failures, error) =>
          isApiError(error) && error.retryAfterSeconds !== null
            ? error.retryAfterSeconds * 1000
            : Math.min(1000 * 2 ** failures, 10_000),
      },
      mutations: { retry: false },
    },
  });
