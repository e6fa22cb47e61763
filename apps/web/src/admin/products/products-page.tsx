import { formatMoney } from '@sellout/core/shared/money';
import { useId, useMemo, useState } from 'react';
import { Link } from 'react-router';
import { Loading } from '../../components/loading';
import { useServerClock } from '../../features/drops/server-clock';
import { categoryName } from '../../lib/category-name';
import { formatDropTime } from '../../lib/format-date';
import { plural } from '../../lib/plural';
import { adminPaths } from '../admin-paths';
import { AdminError } from '../components/admin-error';
import { type AdminProduct, useAdminProducts } from './get-admin-products';
import { productStatus, STATUS_LABELS } from './product-status';

const matches = (product: AdminProduct, search: string) => {
  const words = search.trim().toLowerCase();
  return (
    words === '' ||
    product.name.toLowerCase().includes(words) ||
    product.sku.toLowerCase().includes(words)
  );
};

/** `/admin`: every product with its stock, units sold and whether it is on sale. */
export const ProductsPage = () => {
  const products = useAdminProducts();
  const clock = useServerClock();
  const [search, setSearch] = useState('');
  const [category, setCategory] = useState('');
  const id = useId();
  const categories = useMemo(
    () => [...new Set(products.data?.map((p) => p.category))].sort(),
    [products.data],
  );

  if (products.isPending) return <Loading label="Loading products…" />;
  if (products.isError) {
    return <AdminError error={products.error} onRetry={() => void products.refetch()} />;
  }
  const shown = products.data.filter(
    (p) => matches(p, search) && (category === '' || p.category === category),
  );
  const now = clock.now();

  return (
    <>
      <title>Products · Sellout admin</title>
      <div className="admin-heading">
        <h1>Products</h1>
        <Link className="button" to={adminPaths.newProduct.build()}>
          New product
        </Link>
      </div>
      <search className="admin-filters" aria-label="Filter products">
        <div className="field">
          <label htmlFor={`${id}-search`}>Search by name or SKU</label>
          <input
            id={`${id}-search`}
            className="input"
            type="search"
            value={search}
            onChange={(event) => setSearch(event.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-category`}>Category</label>
          <select
            id={`${id}-category`}
            className="select"
            value={category}
            onChange={(event) => setCategory(event.target.value)}
          >
            <option value="">All categories</option>
            {categories.map((c) => (
              <option key={c} value={c}>
                {categoryName(c)}
              </option>
            ))}
          </select>
        </div>
      </search>
      <p className="muted small" aria-live="polite">
        Showing {plural(shown.length, 'product')} of {products.data.length}.
      </p>
      {shown.length === 0 ? (
        <p className="empty">No product matches — change the search or the category.</p>
      ) : (
        <table className="admin-table">
          <caption className="visually-hidden">Products</caption>
          <thead>
            <tr>
              <th scope="col">Product</th>
              <th scope="col">Category</th>
              <th scope="col" className="num">
                Price
              </th>
              <th scope="col" className="num">
                Stock
              </th>
              <th scope="col" className="num">
                Sold
              </th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((p) => {
              const status = productStatus(p, now);
              return (
                <tr key={p.id}>
                  <th scope="row" data-label="Product">
                    <Link to={adminPaths.product.build(p.id)}>{p.name}</Link>
                    <span className="admin-table__sub">{p.sku}</span>
                  </th>
                  <td data-label="Category">{categoryName(p.category)}</td>
                  <td data-label="Price" className="num">
                    {formatMoney(p.priceCents, p.currency)}
                  </td>
                  <td data-label="Stock" className="num">
                    {p.stock}
                  </td>
                  <td data-label="Sold" className="num">
                    {p.unitsSold}
                  </td>
                  <td data-label="Status">
                    <span className={`badge badge--product-${status}`}>
                      {STATUS_LABELS[status]}
                    </span>
                    {status === 'scheduled' && p.saleStartsAt && (
                      <span className="admin-table__sub">
                        Opens {formatDropTime(p.saleStartsAt)} ·{' '}
                        <Link to={adminPaths.drops.build(p.id)}>Watch the drop</Link>
                      </span>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </>
  );
};
