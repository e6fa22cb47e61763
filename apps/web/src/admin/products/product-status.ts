import type { Product } from '../../api/response-types';
import { dropStateAt } from '../../features/drops/use-drop-countdown';

export type ProductStatus = 'scheduled' | 'sold-out' | 'on-sale';

/** On sale, scheduled (its drop not open yet on the shop's clock) or sold out. */
export const productStatus = (
  product: Pick<Product, 'stock' | 'saleStartsAt'>,
  serverNow: number,
): ProductStatus => {
  if (!dropStateAt(product.saleStartsAt, serverNow).open) return 'scheduled';
  return product.stock <= 0 ? 'sold-out' : 'on-sale';
};

export const STATUS_LABELS: Record<ProductStatus, string> = {
  scheduled: 'Scheduled',
  'sold-out': 'Sold out',
  'on-sale': 'On sale',
};
