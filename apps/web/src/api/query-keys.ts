/**
 * Every TanStack Query key of the shop in one place, because live updates patch entries that
 * several features own (a product appears in lists, its page, the cart and recommendations).
 */
export const queryKeys = {
  products: ['products'] as const,
  productLists: ['products', 'list'] as const,
  productList: (category: string | null) => ['products', 'list', { category }] as const,
  productDetails: ['products', 'detail'] as const,
  product: (id: string) => ['products', 'detail', id] as const,
  categories: ['categories'] as const,
  cart: ['cart'] as const,
  orders: ['orders'] as const,
  orderLists: ['orders', 'list'] as const,
  order: (id: string) => ['orders', 'detail', id] as const,
  invoice: (orderId: string) => ['orders', 'invoice', orderId] as const,
  recommendations: ['recommendations'] as const,
};
