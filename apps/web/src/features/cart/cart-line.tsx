import { MAX_LINE_QUANTITY } from '@sellout/core/carts/cart';
import { formatMoney } from '@sellout/core/shared/money';
import { useId } from 'react';
import { Link } from 'react-router';
import type { CartItem } from '../../api/response-types';
import { paths } from '../../app/paths';
import { ErrorMessage } from '../../components/error-message';
import { DropNote } from '../drops/drop-countdown';
import { useProduct } from '../product/get-product';
import { useRemoveCartItem } from './remove-cart-item';
import { useQuantityChoice } from './use-quantity-choice';

const shortfallLabel = (item: CartItem) =>
  item.stock <= 0 ? 'Sold out' : `Only ${item.stock} left`;

export const CartLine = ({ item, currency }: { item: CartItem; currency: string }) => {
  const quantity = useQuantityChoice(item);
  const remove = useRemoveCartItem();
  const selectId = useId();
  // The cart does not carry the limit per order; the product (usually cached) does.
  const limit = useProduct(item.productId).data?.maxPerOrder ?? MAX_LINE_QUANTITY;
  // Offer what one order can buy now, but never hide the quantity the line already has.
  const most = Math.max(
    item.quantity,
    quantity.value,
    Math.min(Math.max(item.stock, 1), limit, MAX_LINE_QUANTITY),
  );
  const failure = quantity.error ?? remove.error;

  return (
    <li className={`line${item.available ? '' : ' line--unavailable'}`}>
      <div className="line__main">
        <Link className="line__name" to={paths.product.build(item.productId)}>
          {item.name}
        </Link>
        <p className="line__unit muted small">{formatMoney(item.priceCents, currency)} each</p>
        {item.saleStartsAt && (
          <p className="line__flag">
            <DropNote saleStartsAt={item.saleStartsAt} />
          </p>
        )}
        <p className="line__flag" aria-live="polite">
          {!item.available && (
            <>
              {/* Announced when live stock drops below the line, so it says which line. */}
              <span className="visually-hidden">{item.name}: </span>
              <span className="badge badge--sold-out">{shortfallLabel(item)}</span>
            </>
          )}
        </p>
      </div>
      <div className="line__controls">
        <label className="visually-hidden" htmlFor={selectId}>
          Quantity of {item.name}
        </label>
        {/* Not disabled while a quantity is on its way: that would throw the keyboard focus
            out of the select in the middle of choosing. */}
        <select
          id={selectId}
          className="select select--compact"
          value={quantity.value}
          disabled={remove.isPending}
          aria-busy={quantity.isSending || undefined}
          onChange={(event) => quantity.choose(Number(event.target.value))}
          onBlur={quantity.flush}
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
          disabled={remove.isPending}
          onClick={() => {
            quantity.cancel();
            remove.mutate(item.productId);
          }}
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
