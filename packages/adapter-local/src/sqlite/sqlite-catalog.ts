import type { Catalog } from '@sellout/core/catalog/catalog-port';
import type { Product, ProductPatch, ProductWithSales } from '@sellout/core/catalog/product';
import type { Page } from '@sellout/core/shared/pagination';
import type { Database } from 'better-sqlite3';
import type { GroupCommit } from './group-commit';
import { retryWhileBusy } from './retry-while-busy';

type CreateOutcome = Awaited<ReturnType<Catalog['create']>>;
type UpdateOutcome = Awaited<ReturnType<Catalog['update']>>;

type ProductRow = {
  id: string;
  sku: string;
  name: string;
  description: string;
  category: string;
  price_cents: number;
  currency: string;
  stock: number;
  max_per_order: number | null;
  image_url: string;
  version: number;
  sale_starts_at: string | null;
  max_per_customer: number | null;
  /** Units in orders that were not cancelled; kept by checkout and cancel. */
  units_sold: number;
};

const toProduct = (row: ProductRow): Product => ({
  id: row.id,
  sku: row.sku,
  name: row.name,
  description: row.description,
  category: row.category,
  priceCents: row.price_cents,
  currency: row.currency,
  stock: row.stock,
  maxPerOrder: row.max_per_order,
  imageUrl: row.image_url,
  version: row.version,
  saleStartsAt: row.sale_starts_at,
  maxPerCustomer: row.max_per_customer,
});

/** Fields a patch did not mention keep their value; `null` clears a limit or a drop time. */
const applyPatch = (product: Product, patch: ProductPatch): Product => ({
  ...product,
  sku: patch.sku ?? product.sku,
  name: patch.name ?? product.name,
  description: patch.description ?? product.description,
  category: patch.category ?? product.category,
  priceCents: patch.priceCents ?? product.priceCents,
  currency: patch.currency ?? product.currency,
  maxPerOrder: patch.maxPerOrder === undefined ? product.maxPerOrder : patch.maxPerOrder,
  imageUrl: patch.imageUrl ?? product.imageUrl,
  saleStartsAt: patch.saleStartsAt === undefined ? product.saleStartsAt : patch.saleStartsAt,
  maxPerCustomer:
    patch.maxPerCustomer === undefined ? product.maxPerCustomer : patch.maxPerCustomer,
});

export const createSqliteCatalog = (db: Database, commits: GroupCommit): Catalog => {
  const selectOne = db.prepare<[string], ProductRow>('SELECT * FROM products WHERE id = ?');
  // One statement whatever the number of ids: a JSON array instead of a variable `IN (?, ?, …)`.
  const selectMany = db.prepare<[string], ProductRow>(
    'SELECT * FROM products WHERE id IN (SELECT value FROM json_each(?))',
  );
  // Every id sorts after '', so the first page needs no statement of its own.
  const pageAll = db.prepare<[string, number], ProductRow>(
    'SELECT * FROM products WHERE id > ? ORDER BY id LIMIT ?',
  );
  const pageOfCategory = db.prepare<[string, string, number], ProductRow>(
    'SELECT * FROM products WHERE category = ? AND id > ? ORDER BY id LIMIT ?',
  );
  // Only a taken SKU is an expected refusal; a taken id is a bug and still throws.
  const insert = db.prepare<[Omit<ProductRow, 'units_sold'>]>(
    `INSERT INTO products (id, sku, name, description, category, price_cents, currency, stock,
       max_per_order, image_url, version, sale_starts_at, max_per_customer)
     VALUES (@id, @sku, @name, @description, @category, @price_cents, @currency, @stock,
       @max_per_order, @image_url, @version, @sale_starts_at, @max_per_customer)
     ON CONFLICT (sku) DO NOTHING`,
  );
  const selectIdBySku = db
    .prepare<[string], string>('SELECT id FROM products WHERE sku = ?')
    .pluck();
  // Stock is deliberately absent: a patch must never overwrite units sold meanwhile.
  const updateDescription = db.prepare<
    [Omit<ProductRow, 'stock' | 'version' | 'units_sold'>],
    ProductRow
  >(
    `UPDATE products SET sku = @sku, name = @name, description = @description,
       category = @category, price_cents = @price_cents, currency = @currency,
       max_per_order = @max_per_order, image_url = @image_url, sale_starts_at = @sale_starts_at,
       max_per_customer = @max_per_customer, version = version + 1
     WHERE id = @id RETURNING *`,
  );
  const bestSelling = db.prepare<[number], ProductRow>(
    'SELECT * FROM products WHERE stock > 0 ORDER BY units_sold DESC, id DESC LIMIT ?',
  );
  const bestSellingOfCategory = db.prepare<[string, number], ProductRow>(
    `SELECT * FROM products WHERE category = ? AND stock > 0
     ORDER BY units_sold DESC, id DESC LIMIT ?`,
  );
  const addStock = db.prepare<[number, string], ProductRow>(
    'UPDATE products SET stock = stock + ?, version = version + 1 WHERE id = ? RETURNING *',
  );

  const pageOf = <T extends Product>(
    { category, after, limit }: { category: string | null; after: string | null; limit: number },
    toItem: (row: ProductRow) => T,
  ): Page<T> => {
    // One row more than asked tells whether another page follows, without a COUNT.
    const rows =
      category === null
        ? pageAll.all(after ?? '', limit + 1)
        : pageOfCategory.all(category, after ?? '', limit + 1);
    const items = rows.slice(0, limit).map(toItem);
    return { items, next: rows.length > limit ? (items.at(-1)?.id ?? null) : null };
  };

  const create = (product: Product): CreateOutcome => {
    const { changes } = insert.run({
      id: product.id,
      sku: product.sku,
      name: product.name,
      description: product.description,
      category: product.category,
      price_cents: product.priceCents,
      currency: product.currency,
      stock: product.stock,
      max_per_order: product.maxPerOrder,
      image_url: product.imageUrl,
      version: product.version,
      sale_starts_at: product.saleStartsAt,
      max_per_customer: product.maxPerCustomer,
    });
    if (changes === 1) return { kind: 'created' };
    return { kind: 'duplicate-sku', productId: selectIdBySku.get(product.sku)! };
  };

  const update = (id: string, patch: ProductPatch): UpdateOutcome => {
    const current = selectOne.get(id);
    if (!current) return { kind: 'not-found' };
    const next = applyPatch(toProduct(current), patch);
    const owner = selectIdBySku.get(next.sku);
    if (owner !== undefined && owner !== id) return { kind: 'duplicate-sku', productId: owner };
    const row = updateDescription.get({
      id,
      sku: next.sku,
      name: next.name,
      description: next.description,
      category: next.category,
      price_cents: next.priceCents,
      currency: next.currency,
      max_per_order: next.maxPerOrder,
      image_url: next.imageUrl,
      sale_starts_at: next.saleStartsAt,
      max_per_customer: next.maxPerCustomer,
    });
    return row ? { kind: 'updated', product: toProduct(row) } : { kind: 'not-found' };
  };

  return retryWhileBusy<Catalog>({
    async get(id) {
      const row = selectOne.get(id);
      return row ? toProduct(row) : null;
    },
    async getMany(ids) {
      if (ids.length === 0) return [];
      // A buy-now checkout asks for one product; json_each costs more than the lookup itself.
      if (ids.length === 1) {
        const row = selectOne.get(ids[0]!);
        return row ? [toProduct(row)] : [];
      }
      return selectMany.all(JSON.stringify(ids)).map(toProduct);
    },
    async list(query) {
      return pageOf(query, toProduct);
    },
    async listWithSales(query) {
      return pageOf(
        query,
        (row): ProductWithSales => ({
          ...toProduct(row),
          unitsSold: row.units_sold,
        }),
      );
    },
    async create(product) {
      return commits.run(() => create(product));
    },
    async update(id, patch) {
      // Read and written under the write lock (a group commit's BEGIN IMMEDIATE): a read
      // transaction upgraded later would fail if the other process committed in between.
      return commits.run(() => update(id, patch));
    },
    async bestSellers({ category, limit }) {
      const rows =
        category === null ? bestSelling.all(limit) : bestSellingOfCategory.all(category, limit);
      return rows.map(toProduct);
    },
    async restock(id, quantity) {
      const row = await commits.run(() => addStock.get(quantity, id));
      return row ? toProduct(row) : null;
    },
  });
};
