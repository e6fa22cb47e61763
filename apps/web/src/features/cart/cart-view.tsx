import { Link } from 'react-router';
import { paths } from '../../app/paths';
import { ErrorMessage } from '../../components/error-message';
import { Loading } from '../../components/loading';
import { OrderTotals } from '../../components/order-totals';
import { plural } from '../../lib/plural';
import { CartLine } from './cart-line';
import { fitsForUnavailable, useFitCart } from './fit-cart';
import { useCart } from './get-cart';
import { soldOutLines, soldOutMessage } from './sold-out-lines';

export const CartView = () => {
  const cart = useCart();
  const fitCart = useFitCart();

  if (cart.isPending) return <Loading label="Loading your cart…" />;
  if (cart.isError && !cart.data) {
    return (
      <ErrorMessage
        error={cart.error}
        options={{ willRetry: true }}
        onRetry={() => void cart.refetch()}
      />
    );
  }

  const { items, itemCount, totalCents, currency } = cart.data;
  if (items.length === 0) {
    return (
      <div className="empty">
        <p>Your cart is empty.</p>
        <Link className="button" to={paths.home.build()}>
          Browse the shop
        </Link>
      </div>
    );
  }

  const fits = fitsForUnavailable(cart.data);
  const soldOut = soldOutLines(items);
  return (
    <div className="cart">
      <section aria-label="Items in your cart">
        {fits.length > 0 && (
          <div className="alert alert--warning" role="status">
            <p>
              {fits.length === 1
                ? 'One item has fewer units left than your cart asks for.'
                : `${fits.length} items have fewer units left than your cart asks for.`}{' '}
              Checkout will refuse them as they are.
            </p>
            <button
              type="button"
              className="button button--small"
              disabled={fitCart.isPending}
              onClick={() => fitCart.mutate(fits)}
            >
              Update my cart to what is left
            </button>
          </div>
        )}
        {fitCart.isError && <ErrorMessage error={fitCart.error} />}
        <ul className="lines">
          {items.map((item) => (
            <CartLine key={item.productId} item={item} currency={currency} />
          ))}
        </ul>
      </section>
      <aside className="summary" aria-labelledby="cart-summary-heading">
        <h2 id="cart-summary-heading">Summary</h2>
        <OrderTotals totalCents={totalCents} currency={currency}>
          <div>
            <dt>Items</dt>
            <dd>{plural(itemCount, 'item')}</dd>
          </div>
        </OrderTotals>
        {soldOut.length > 0 ? (
          <p className="alert alert--warning" role="alert">
            {soldOutMessage(soldOut)}
          </p>
        ) : (
          <Link className="button button--block" to={paths.checkout.build()}>
            Check out
          </Link>
        )}
      </aside>
    </div>
  );
};
