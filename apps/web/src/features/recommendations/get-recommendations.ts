import { useQuery } from '@tanstack/react-query';
import type { ApiClient } from '../../api/api-client';
import { useApi } from '../../api/api-context';
import { queryKeys } from '../../api/query-keys';

export const RECOMMENDATIONS_LIMIT = 4;

/** `GET /api/recommendations?limit=4` — for this shopper, from what they looked at and bought. */
export const getRecommendations = (api: ApiClient, signal?: AbortSignal) =>
  api.json((s) => s.recommendationsJsonSchema, {
    path: '/api/recommendations',
    query: { limit: RECOMMENDATIONS_LIMIT },
    auth: true,
    signal,
  });

export const useRecommendations = () => {
  const api = useApi();
  return useQuery({
    queryKey: queryKeys.recommendations,
    queryFn: ({ signal }) => getRecommendations(api, signal),
  });
};
