import { useId, useState } from 'react';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { isApiError } from '../../api/api-error';
import type { Product } from '../../api/response-types';
import { Loading } from '../../components/loading';
import { useServerClock } from '../../features/drops/server-clock';
import { useProduct } from '../../features/product/get-product';
import { formatDropTime } from '../../lib/format-date';
import { adminPaths } from '../admin-paths';
import { AdminError } from '../components/admin-error';
import { useAdminProducts } from './get-admin-products';
import { ProductForm } from './product-form';
import { productStatus, STATUS_LABELS } from './product-status';
import { useRestockProduct } from './save-product';

const Saved = ({ message }: { message: string | null }) => (
  <div aria-live="polite">{message && <p className="alert alert--success">{message}</p>}</div>
);

/** `/admin/products/new`. */
export const NewProductPage = () => {
  const navigate = useNavigate();
  const products = useAdminProducts();
  const currency = products.data?.[0]?.currency ?? 'USD';
  return (
    <>
      <title>New product · Sellout admin</title>
      <p className="admin-back">
        <Link to={adminPaths.products.build()}>← Products</Link>
      </p>
      <h1>New product</h1>
      <ProductForm
        product={null}
        currency={currency}
        onSaved={(product, message) =>
          void navigate(adminPaths.product.build(product.id), { state: { saved: message } })
        }
      />
    </>
  );
};

const RestockForm = ({ product }: { product: Product }) => {
  const restock = useRestockProduct(product.id);
  const [quantity, setQuantity] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [added, setAdded] = useState<string | null>(null);
  const id = useId();
  return (
    <form
      className="admin-form admin-form--inline"
      aria-label="Restock"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        const units = /^\d{1,7}$/.test(quantity.trim()) ? Number(quantity) : 0;
        if (units < 1)
          return setProblem('Enter how many units arrived: a whole number, 1 or more.');
        setProblem(null);
        setAdded(null);
        restock.mutate(units, {
          onSuccess: (updated) => {
            setQuantity('');
            setAdded(`Added ${units}: ${updated.stock} in stock now.`);
          },
        });
      }}
    >
      <h2>Restock</h2>
      <div className="field field--inline">
        <label htmlFor={id}>Units to add</label>
        <input
          id={id}
          className="input input--quantity"
          inputMode="numeric"
          value={quantity}
          aria-invalid={problem ? true : undefined}
          aria-describedby={problem ? `${id}-problem` : undefined}
          onChange={(event) => setQuantity(event.target.value)}
        />
        <button type="submit" className="button button--secondary">
          {restock.isPending ? 'Adding…' : 'Add to stock'}
        </button>
      </div>
      {problem && (
        <p className="field__error" id={`${id}-problem`}>
          {problem}
        </p>
      )}
      {restock.isError && <AdminError error={restock.error} />}
      <div aria-live="polite">{added && <p className="success">{added}</p>}</div>
    </form>
  );
};

/** `/admin/products/:productId`: edit, restock, set or clear the drop time. */
export const EditProductPage = () => {
  const { productId = '' } = useParams();
  const product = useProduct(productId);
  const clock = useServerClock();
  const location = useLocation();
  const [saved, setSaved] = useState<string | null>(
    () => (location.state as { saved?: string } | null)?.saved ?? null,
  );
  // A new form after each save, filled from the product as the server has it now; not after
  // every live stock change, which would throw away what the owner is typing.
  const [formKey, setFormKey] = useState(0);

  if (product.isPending) return <Loading label="Loading the product…" />;
  if (product.isError && !product.data) {
    return isApiError(product.error, 'NOT_FOUND') ? (
      <div className="empty">
        <h1>No such product</h1>
        <Link to={adminPaths.products.build()}>Back to products</Link>
      </div>
    ) : (
      <AdminError error={product.error} onRetry={() => void product.refetch()} />
    );
  }
  const p = product.data;
  const status = productStatus(p, clock.now());
  return (
    <>
      <title>{`${p.name} · Sellout admin`}</title>
      <p className="admin-back">
        <Link to={adminPaths.products.build()}>← Products</Link>
      </p>
      <div className="admin-heading">
        <h1>{p.name}</h1>
        <span className={`badge badge--product-${status}`}>{STATUS_LABELS[status]}</span>
      </div>
      <p className="muted">
        {p.saleStartsAt ? `Drop: on sale from ${formatDropTime(p.saleStartsAt)}. ` : ''}
        <Link to={adminPaths.drops.build(p.id)}>Watch it on the drop board</Link> ·{' '}
        <a href={`/products/${encodeURIComponent(p.id)}`}>See it in the shop</a>
      </p>
      <Saved message={saved} />
      <ProductForm
        key={formKey}
        product={p}
        currency={p.currency}
        onSaved={(_, message) => {
          setSaved(message);
          setFormKey((n) => n + 1);
        }}
      />
      <RestockForm product={p} />
    </>
  );
};

/** Shown when a console URL matches nothing. */
export const AdminNotFound = () => (
  <div className="empty">
    <h1>Nothing here</h1>
    <Link to={adminPaths.products.build()}>Back to products</Link>
  </div>
);
