import { MAX_LINE_QUANTITY } from '@sellout/core/carts/cart';
import { useId } from 'react';
import { Link } from 'react-router';
import type { CartItem } from '../../api/schemas';
import { paths } from '../../app/paths';
import { ErrorMessage } from '../../components/error-message';
import { formatMoney } from '../../lib/money';
import { useRemoveCartItem } from './remove-cart-item';
import { useSetCartQuantity } from './set-cart-quantity';

const shortfallLabel = (item: CartItem) =>
  item.stock <= 0 ? 'Sold out' : `Only ${item.stock} left`;

export const CartLine = ({ item, currency }: { item: CartItem; currency: string }) => {
  const setQuantity = useSetCartQuantity();
  const remove = useRemoveCartItem();
  const selectId = useId();
  const busy = setQuantity.isPending || remove.isPending;
  // Offer what can be bought now, but never hide the quantity the line already has.
  const most = Math.max(item.quantity, Math.min(Math.max(item.stock, 1), MAX_LINE_QUANTITY));
  const failure = setQuantity.error ?? remove.error;

  return (
    <li className={`line${item.available ? '' : ' line--unavailable'}`}>
      <div className="line__main">
        <Link className="line__name" to={paths.product.build(item.productId)}>
          {item.name}
        </Link>
        <p className="line__unit muted small">{formatMoney(item.priceCents, currency)} each</p>
        <p className="line__flag" aria-live="polite">
          {!item.available && <span className="badge badge--sold-out">{shortfallLabel(item)}</span>}
        </p>
      </div>
      <div className="line__controls">
        <label className="visually-hidden" htmlFor={selectId}>
          Quantity of {item.name}
        </label>
        <select
          id={selectId}
          className="select select--compact"
          value={item.quantity}
          disabled={busy}
          onChange={(event) =>
            setQuantity.mutate({ productId: item.productId, quantity: Number(event.target.value) })
          }
        >
          {Array.from({ length: most }, (_, i) => i + 1).map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
        </select>
        <button
          type="button"
          className="button button--link"
          disabled={busy}
          onClick={() => remove.mutate(item.productId)}
        >
          Remove<span className="visually-hidden"> {item.name}</span>
        </button>
      </div>
      <p className="line__total">{formatMoney(item.lineTotalCents, currency)}</p>
      {failure && (
        <div className="line__error">
          <ErrorMessage error={failure} />
        </div>
      )}
    </li>
  );
};
