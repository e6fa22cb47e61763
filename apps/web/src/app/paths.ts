/**
 * Every URL of the storefront. Routes use the patterns; links use the builders, so a path is
 * written once.
 */
export const paths = {
  home: {
    pattern: '/',
    build: (category?: string | null) =>
      category ? `/?${new URLSearchParams({ category })}` : '/',
  },
  product: {
    pattern: '/products/:productId',
    build: (productId: string) => `/products/${encodeURIComponent(productId)}`,
  },
  cart: { pattern: '/cart', build: () => '/cart' },
  checkout: {
    pattern: '/checkout',
    /** Without arguments: the whole cart. With a product: "Buy now", the cart untouched. */
    build: (buyNow?: { productId: string; quantity: number }) =>
      buyNow
        ? `/checkout?${new URLSearchParams({
            product: buyNow.productId,
            quantity: String(buyNow.quantity),
          })}`
        : '/checkout',
  },
  orders: { pattern: '/orders', build: () => '/orders' },
  order: {
    pattern: '/orders/:orderId',
    build: (orderId: string) => `/orders/${encodeURIComponent(orderId)}`,
  },
} as const;
