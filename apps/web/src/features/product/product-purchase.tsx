import { MAX_CART_LINES, MAX_LINE_QUANTITY, quantitySchema } from '@sellout/core/carts/cart';
import { isSoldOut } from '@sellout/core/catalog/product';
import { useId, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { isApiError } from '../../api/api-error';
import type { Product } from '../../api/response-types';
import { paths } from '../../app/paths';
import { ErrorMessage } from '../../components/error-message';
import { plural } from '../../lib/plural';
import { useAddToCart } from '../cart/add-to-cart';
import { useCart } from '../cart/get-cart';
import { DropCountdown } from '../drops/drop-countdown';
import { useDropCountdown } from '../drops/use-drop-countdown';
import { useRecordEvent } from '../recommendations/record-event';

/**
 * Why this quantity cannot be bought, in the words of the API's own rules, or null. `inCart`
 * units are already in the cart: adding more counts them too, since one order takes them all.
 */
export const quantityProblem = (raw: string, product: Product, inCart = 0): string | null => {
  const parsed = quantitySchema.safeParse(raw.trim() === '' ? Number.NaN : Number(raw));
  if (!parsed.success) {
    return `Enter a whole number from 1 to ${Math.min(MAX_LINE_QUANTITY, product.maxPerOrder ?? MAX_LINE_QUANTITY)}.`;
  }
  const already = inCart > 0 ? ` — you already have ${inCart} in your cart` : '';
  if (product.maxPerOrder !== null && inCart + parsed.data > product.maxPerOrder) {
    return `Limit ${product.maxPerOrder} per order${already}.`;
  }
  if (inCart + parsed.data > product.stock) return `Only ${product.stock} left${already}.`;
  return null;
};

export const ProductPurchase = ({ product }: { product: Product }) => {
  const navigate = useNavigate();
  const addToCart = useAddToCart();
  const cart = useCart();
  const recordEvent = useRecordEvent();
  const [quantity, setQuantity] = useState('1');
  const [problem, setProblem] = useState<string | null>(null);
  const [added, setAdded] = useState<number | null>(null);
  const inputId = useId();
  const soldOut = isSoldOut(product);
  // Before the drop opens the product can wait in the cart, but nothing can be bought yet.
  const drop = useDropCountdown(product.saleStartsAt);
  const most = Math.max(
    1,
    Math.min(MAX_LINE_QUANTITY, product.maxPerOrder ?? MAX_LINE_QUANTITY, product.stock),
  );

  const checked = (inCart = 0): number | null => {
    const found = quantityProblem(quantity, product, inCart);
    setProblem(found);
    return found ? null : Number(quantity);
  };

  const onAddToCart = () => {
    if (addToCart.isPending) return;
    const inCart = cart.data?.items.find((item) => item.productId === product.id)?.quantity ?? 0;
    const units = checked(inCart);
    if (units === null) {
      setAdded(null);
      return;
    }
    setAdded(null);
    addToCart.mutate(
      { productId: product.id, quantity: units },
      {
        onSuccess: () => {
          setAdded(units);
          recordEvent.mutate({ productId: product.id, eventType: 'add-to-cart' });
        },
      },
    );
  };

  const onBuyNow = () => {
    const units = checked();
    if (units !== null) navigate(paths.checkout.build({ productId: product.id, quantity: units }));
  };

  return (
    <form
      className="purchase"
      aria-label="Buy this product"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        onAddToCart();
      }}
    >
      <div className="field field--inline">
        <label htmlFor={inputId}>Quantity</label>
        <input
          id={inputId}
          className="input input--quantity"
          type="number"
          inputMode="numeric"
          min={1}
          max={most}
          step={1}
          value={quantity}
          disabled={soldOut}
          aria-invalid={problem ? true : undefined}
          aria-describedby={problem ? `${inputId}-problem` : undefined}
          onChange={(event) => {
            setQuantity(event.target.value);
            setProblem(null);
          }}
        />
      </div>
      {problem && (
        <p className="field__error" id={`${inputId}-problem`}>
          {problem}
        </p>
      )}
      <DropCountdown drop={drop} saleStartsAt={product.saleStartsAt} productName={product.name} />
      <div className="purchase__buttons">
        {/* Never disabled while adding: a disabled button drops the keyboard focus to the page
            body. A second press while one is on its way is ignored instead. */}
        <button
          type="submit"
          className="button"
          disabled={soldOut}
          aria-disabled={addToCart.isPending || undefined}
        >
          {addToCart.isPending ? 'Adding…' : 'Add to cart'}
        </button>
        <button
          type="button"
          className="button button--secondary"
          disabled={soldOut || !drop.open}
          onClick={onBuyNow}
        >
          Buy now
        </button>
      </div>
      {/* Not live: the stock badge already announces "sold out" with the product's name. */}
      <div className="purchase__status">
        {soldOut && <p className="muted">Sold out — check back after a restock.</p>}
      </div>
      <div aria-live="polite" className="purchase__status">
        {added !== null && (
          <p className="success">
            Added {plural(added, 'item')} to your cart.{' '}
            <Link to={paths.cart.build()}>View cart</Link>
          </p>
        )}
      </div>
      {addToCart.isError && (
        <ErrorMessage
          error={addToCart.error}
          text={
            isApiError(addToCart.error, 'VALIDATION_FAILED')
              ? `Your cart cannot take that many: it holds up to ${MAX_LINE_QUANTITY} of one item and ${MAX_CART_LINES} different items.`
              : undefined
          }
        />
      )}
    </form>
  );
};
