/** Every URL of the admin console; routes use the patterns, links the builders. */
export const adminPaths = {
  products: { pattern: '', build: () => '/admin' },
  newProduct: { pattern: 'products/new', build: () => '/admin/products/new' },
  product: {
    pattern: 'products/:productId',
    build: (productId: string) => `/admin/products/${encodeURIComponent(productId)}`,
  },
  orders: { pattern: 'orders', build: () => '/admin/orders' },
  order: {
    pattern: 'orders/:orderId',
    build: (orderId: string) => `/admin/orders/${encodeURIComponent(orderId)}`,
  },
  drops: {
    pattern: 'drops',
    build: (productId?: string | null) =>
      productId ? `/admin/drops?${new URLSearchParams({ product: productId })}` : '/admin/drops',
  },
} as const;

export const adminKeys = {
  all: ['admin'] as const,
  products: ['admin', 'products'] as const,
  orders: ['admin', 'orders'] as const,
  orderList: (filter: object) => ['admin', 'orders', 'list', filter] as const,
  order: (orderId: string) => ['admin', 'orders', 'detail', orderId] as const,
  invoice: (orderId: string) => ['admin', 'orders', 'invoice', orderId] as const,
  dropOrders: (productId: string) => ['admin', 'orders', 'drop', productId] as const,
};
