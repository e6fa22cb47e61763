import type { LiveUpdates } from '../live/live-updates-port';
import { err, ok, type Result } from '../shared/result';
import type { Ids } from '../shared/system';
import type { Catalog } from './catalog-port';
import { productNotFound } from './get-product';
import type { NewProduct, Product, ProductPatch } from './product';

type ShopSettings = { currency: string };

const wrongCurrency = (currency: string, shop: ShopSettings) =>
  err<never>(
    'VALIDATION_FAILED',
    `This shop sells in ${shop.currency}; a product cannot be priced in ${currency}.`,
    { issues: [{ path: 'currency', message: `must be ${shop.currency}` }] },
  );

const skuTaken = (sku: string, productId: string) =>
  err<never>('VALIDATION_FAILED', `SKU ${sku} is already used by ${productId}.`, {
    issues: [{ path: 'sku', message: `already used by ${productId}` }],
  });

export const createProduct = async (
  deps: { catalog: Catalog; ids: Ids; shop: ShopSettings },
  input: NewProduct,
): Promise<Result<Product>> => {
  if (input.currency && input.currency !== deps.shop.currency) {
    return wrongCurrency(input.currency, deps.shop);
  }
  const product: Product = {
    ...input,
    id: deps.ids.newId('p'),
    currency: deps.shop.currency,
    maxPerOrder: input.maxPerOrder ?? null,
    saleStartsAt: input.saleStartsAt ?? null,
    maxPerCustomer: input.maxPerCustomer ?? null,
    version: 1,
  };
  const created = await deps.catalog.create(product);
  if (created.kind === 'duplicate-sku') return skuTaken(input.sku, created.productId);
  return ok(product);
};

/** A changed drop time is published, so open product pages follow a rescheduled drop live. */
export const patchProduct = async (
  deps: { catalog: Catalog; live: LiveUpdates; shop: ShopSettings },
  id: string,
  patch: ProductPatch,
): Promise<Result<Product>> => {
  if (patch.currency && patch.currency !== deps.shop.currency) {
    return wrongCurrency(patch.currency, deps.shop);
  }
  const updated = await deps.catalog.update(id, patch);
  if (updated.kind === 'not-found') return productNotFound(id);
  if (updated.kind === 'duplicate-sku') return skuTaken(patch.sku ?? '', updated.productId);
  const { product } = updated;
  if (patch.saleStartsAt !== undefined) {
    deps.live.publish([
      {
        type: 'product',
        productId: id,
        saleStartsAt: product.saleStartsAt,
        version: product.version,
      },
    ]);
  }
  return ok(product);
};

/** Adds units atomically, so a restock during a rush never loses a concurrent sale. */
export const restockProduct = async (
  deps: { catalog: Catalog; live: LiveUpdates },
  id: string,
  quantity: number,
): Promise<Result<Product>> => {
  const product = await deps.catalog.restock(id, quantity);
  if (!product) return productNotFound(id);
  deps.live.publish([
    { type: 'stock', productId: id, stock: product.stock, version: product.version },
  ]);
  return ok(product);
};
