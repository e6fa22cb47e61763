import { useQuery } from '@tanstack/react-query';
import type { ApiClient } from '../../api/api-client';
import { useApi } from '../../api/api-context';
import { queryKeys } from '../../api/query-keys';

/**
 * `GET /api/orders/:id/invoice` (the order's `invoiceUrl`) — plain text. It needs the bearer
 * token, so a plain link cannot open it: the text is fetched and shown or saved as a file.
 */
export const getInvoice = (api: ApiClient, invoiceUrl: string, signal?: AbortSignal) =>
  api.text({ path: invoiceUrl, auth: true, signal });

export const useInvoice = (
  orderId: string,
  invoiceUrl: string,
  { enabled }: { enabled: boolean },
) => {
  const api = useApi();
  return useQuery({
    queryKey: queryKeys.invoice(orderId),
    queryFn: ({ signal }) => getInvoice(api, invoiceUrl, signal),
    enabled,
    // An invoice never changes once written.
    staleTime: Number.POSITIVE_INFINITY,
  });
};
