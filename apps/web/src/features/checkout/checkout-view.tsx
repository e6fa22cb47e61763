import { useState } from 'react';
import { Link } from 'react-router';
import { paths } from '../../app/paths';
import { ErrorMessage } from '../../components/error-message';
import { Loading } from '../../components/loading';
import { useCart } from '../cart/get-cart';
import { soldOutLines, soldOutMessage } from '../cart/sold-out-lines';
import { useProduct } from '../product/get-product';
import { CheckoutForm } from './checkout-form';
import { OrderSummary } from './order-summary';

/** Checkout of the whole cart. */
export const CartCheckout = () => {
  const cart = useCart();
  const [cartFixed, setCartFixed] = useState<string | null>(null);
  const fixedNotice = cartFixed && (
    <div className="alert alert--warning" role="alert">
      <p>{cartFixed}</p>
    </div>
  );

  if (cart.isPending) return <Loading label="Loading your cart…" />;
  if (cart.isError && !cart.data) {
    return <ErrorMessage error={cart.error} onRetry={() => void cart.refetch()} />;
  }
  const { items, totalCents, currency } = cart.data;
  if (items.length === 0) {
    return (
      <>
        {fixedNotice}
        <div className="empty">
          <p>Your cart is empty — add something before checking out.</p>
          <Link className="button" to={paths.home.build()}>
            Browse the shop
          </Link>
        </div>
      </>
    );
  }
  const soldOut = soldOutLines(items);
  if (soldOut.length > 0) {
    // Checkout would refuse the whole order: no form to fill in for nothing.
    return (
      <div className="empty">
        <p className="alert alert--warning" role="alert">
          {soldOutMessage(soldOut)}
        </p>
        <Link className="button" to={paths.cart.build()}>
          Go to your cart
        </Link>
      </div>
    );
  }
  return (
    <div className="checkout">
      <OrderSummary
        lines={items.map((item) => ({
          productId: item.productId,
          name: item.name,
          quantity: item.quantity,
          totalCents: item.lineTotalCents,
          saleStartsAt: item.saleStartsAt,
        }))}
        totalCents={totalCents}
        currency={currency}
      >
        {items.some((item) => !item.available) && (
          <p className="alert alert--warning">
            {items
              .filter((item) => !item.available)
              .map((item) => `Only ${item.stock} left of ${item.name}.`)
              .join(' ')}{' '}
            We will fix your cart if the shop cannot fill it.
          </p>
        )}
        <Link to={paths.cart.build()}>Edit cart</Link>
      </OrderSummary>
      <div>
        {fixedNotice}
        <CheckoutForm
          target={{ kind: 'cart', items, totalCents, currency, onCartFixed: setCartFixed }}
        />
      </div>
    </div>
  );
};

/** "Buy now": one product, the cart left alone. */
export const BuyNowCheckout = ({
  productId,
  quantity,
  onQuantityChange,
}: {
  productId: string;
  quantity: number;
  onQuantityChange: (quantity: number) => void;
}) => {
  const product = useProduct(productId);
  if (product.isPending) return <Loading label="Loading product…" />;
  if (product.isError && !product.data) {
    return <ErrorMessage error={product.error} onRetry={() => void product.refetch()} />;
  }
  const p = product.data;
  return (
    <div className="checkout">
      <OrderSummary
        lines={[
          {
            productId: p.id,
            name: p.name,
            quantity,
            totalCents: p.priceCents * quantity,
            saleStartsAt: p.saleStartsAt,
          },
        ]}
        totalCents={p.priceCents * quantity}
        currency={p.currency}
      >
        {p.stock <= 0 && (
          <p className="alert alert--warning">Sold out — it cannot be bought now.</p>
        )}
        <Link to={paths.product.build(p.id)}>Back to {p.name}</Link>
      </OrderSummary>
      <CheckoutForm target={{ kind: 'buy-now', product: p, quantity, onQuantityChange }} />
    </div>
  );
};
