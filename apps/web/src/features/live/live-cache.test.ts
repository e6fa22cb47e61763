import { aProduct } from '@sellout/core/testing/builders';
import { type InfiniteData, QueryClient } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { queryKeys } from '../../api/query-keys';
import type { Cart, Order, Page, Product } from '../../api/response-types';
import { createLiveCache } from './live-cache';

const setup = () => {
  const queryClient = new QueryClient();
  const product = aProduct({ id: 'p_1', stock: 5, version: 10 });
  const other = aProduct({ id: 'p_2', stock: 40, version: 3 });
  queryClient.setQueryData(queryKeys.product('p_1'), product);
  queryClient.setQueryData<InfiniteData<Page<Product>>>(queryKeys.productList(null), {
    pages: [
      { items: [other], nextCursor: 'c' },
      { items: [product], nextCursor: null },
    ],
    pageParams: [null, 'c'],
  });
  queryClient.setQueryData<Cart>(queryKeys.cart, {
    items: [
      {
        productId: 'p_1',
        name: product.name,
        priceCents: 1000,
        quantity: 3,
        lineTotalCents: 3000,
        stock: 5,
        available: true,
        saleStartsAt: null,
      },
    ],
    itemCount: 3,
    totalCents: 3000,
    currency: 'USD',
  });
  return { queryClient, cache: createLiveCache(queryClient) };
};

const listed = (queryClient: QueryClient, id: string) =>
  queryClient
    .getQueryData<InfiniteData<Page<Product>>>(queryKeys.productList(null))
    ?.pages.flatMap((page) => page.items)
    .find((p) => p.id === id);

describe('live updates in the query cache', () => {
  it('patches the product page, every list and the cart line in place', () => {
    const { queryClient, cache } = setup();
    cache.applyStock({ type: 'stock', productId: 'p_1', stock: 2, version: 11 });

    expect(queryClient.getQueryData<Product>(queryKeys.product('p_1'))).toMatchObject({
      stock: 2,
      version: 11,
    });
    expect(listed(queryClient, 'p_1')).toMatchObject({ stock: 2, version: 11 });
    expect(listed(queryClient, 'p_2')).toMatchObject({ stock: 40, version: 3 });
    expect(queryClient.getQueryData<Cart>(queryKeys.cart)?.items[0]).toMatchObject({
      stock: 2,
      available: false,
    });
  });

  it('ignores a message older than what it holds', () => {
    const { queryClient, cache } = setup();
    cache.applyStock({ type: 'stock', productId: 'p_1', stock: 0, version: 13 });
    cache.applyStock({ type: 'stock', productId: 'p_1', stock: 4, version: 12 });

    expect(queryClient.getQueryData<Product>(queryKeys.product('p_1'))?.stock).toBe(0);
    expect(queryClient.getQueryData<Cart>(queryKeys.cart)?.items[0]?.stock).toBe(0);
  });

  it('ignores a message older than a product read over HTTP', () => {
    const { queryClient, cache } = setup();
    cache.applyStock({ type: 'stock', productId: 'p_1', stock: 9, version: 9 });
    expect(queryClient.getQueryData<Product>(queryKeys.product('p_1'))).toMatchObject({
      stock: 5,
      version: 10,
    });
    expect(queryClient.getQueryData<Cart>(queryKeys.cart)?.items[0]?.stock).toBe(5);
  });

  it('moves an order on and asks for the rest of it', () => {
    const { queryClient, cache } = setup();
    queryClient.setQueryData<Partial<Order>>(queryKeys.order('o_1'), {
      id: 'o_1',
      status: 'PENDING',
    });
    cache.applyOrder({ type: 'order', orderId: 'o_1', status: 'PROCESSED' });
    expect(queryClient.getQueryData<Order>(queryKeys.order('o_1'))?.status).toBe('PROCESSED');
    expect(queryClient.getQueryState(queryKeys.order('o_1'))?.isInvalidated).toBe(true);
  });

  it('fetches nothing for stock messages', () => {
    const { queryClient, cache } = setup();
    for (let version = 11; version < 60; version += 1) {
      cache.applyStock({ type: 'stock', productId: 'p_1', stock: 60 - version, version });
    }
    expect(queryClient.getQueryState(queryKeys.product('p_1'))?.isInvalidated).toBe(false);
    expect(queryClient.isFetching()).toBe(0);
  });
});
