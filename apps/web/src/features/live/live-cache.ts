import type { InfiniteData, QueryClient } from '@tanstack/react-query';
import { queryKeys } from '../../api/query-keys';
import type { Cart, Order, Page, Product, Recommendations } from '../../api/response-types';
import type { OrderMessage, ProductMessage, StockMessage } from './live-messages';

/**
 * Applies live messages to the TanStack Query cache in place. A flash sale sends many stock
 * messages; refetching on each would turn every shopper's browser into a load generator, so
 * cached data is patched and nothing is fetched — except an order, whose other fields
 * (invoice, failure reason) only the API knows.
 */
export const createLiveCache = (queryClient: QueryClient) => {
  // The newest version seen per product, so a late message cannot undo a newer one even where
  // the cached data carries no version of its own (cart lines, recommendations not on screen).
  const latest = new Map<string, number>();

  /** The newest version this client holds, from messages or from products read over HTTP. */
  const heldVersion = (productId: string) => {
    let held = latest.get(productId) ?? Number.NEGATIVE_INFINITY;
    const detail = queryClient.getQueryData<Product>(queryKeys.product(productId));
    if (detail) held = Math.max(held, detail.version);
    for (const [, data] of queryClient.getQueriesData<InfiniteData<Page<Product>>>({
      queryKey: queryKeys.productLists,
    })) {
      for (const page of data?.pages ?? []) {
        const listed = page.items.find((p) => p.id === productId);
        if (listed) held = Math.max(held, listed.version);
      }
    }
    return held;
  };

  /** Patches one product wherever it is cached, unless what is cached is newer. */
  const patchProduct = (
    productId: string,
    version: number,
    change: Partial<Product>,
    patchCartItem: (item: Cart['items'][number]) => Cart['items'][number],
  ) => {
    if (version < heldVersion(productId)) return;
    latest.set(productId, version);

    const patch = (product: Product): Product =>
      product.id !== productId || product.version > version
        ? product
        : { ...product, ...change, version };
    const patchList = <T extends { items: Product[] }>(list: T): T => ({
      ...list,
      items: list.items.map(patch),
    });

    queryClient.setQueryData<Product>(queryKeys.product(productId), (product) =>
      product ? patch(product) : product,
    );
    queryClient.setQueriesData<InfiniteData<Page<Product>>>(
      { queryKey: queryKeys.productLists },
      (data) => data && { ...data, pages: data.pages.map(patchList) },
    );
    queryClient.setQueriesData<Recommendations>(
      { queryKey: queryKeys.recommendations },
      (data) => data && patchList(data),
    );
    queryClient.setQueryData<Cart>(
      queryKeys.cart,
      (cart) =>
        cart && {
          ...cart,
          items: cart.items.map((item) =>
            item.productId === productId ? patchCartItem(item) : item,
          ),
        },
    );
  };

  const applyStock = ({ productId, stock, version }: StockMessage) =>
    patchProduct(productId, version, { stock }, (item) => ({
      ...item,
      stock,
      available: item.quantity <= stock,
    }));

  /** A drop was rescheduled (or opened now): countdowns on screen follow it. */
  const applyProduct = ({ productId, saleStartsAt, version }: ProductMessage) =>
    patchProduct(productId, version, { saleStartsAt }, (item) => ({ ...item, saleStartsAt }));

  const applyOrder = ({ orderId, status }: OrderMessage) => {
    queryClient.setQueryData<Order>(queryKeys.order(orderId), (order) =>
      order ? { ...order, status } : order,
    );
    // The status arrives first; processedAt, failureReason and invoiceUrl come with a refetch.
    void queryClient.invalidateQueries({ queryKey: queryKeys.order(orderId) });
    void queryClient.invalidateQueries({ queryKey: queryKeys.orderLists });
  };

  /** After the socket was down: refetch what is on screen once, in case a message was missed. */
  const repair = () => {
    for (const queryKey of [queryKeys.products, queryKeys.cart, queryKeys.orders]) {
      void queryClient.invalidateQueries({ queryKey, type: 'active' });
    }
  };

  return { applyStock, applyProduct, applyOrder, repair };
};
