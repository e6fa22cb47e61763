import { Link } from 'react-router';
import { paths } from '../../app/paths';
import { plural } from '../../lib/plural';
import { useCart } from './get-cart';

/** The header's cart icon with the number of units in the cart. */
export const CartLink = () => {
  const cart = useCart();
  const count = cart.data?.itemCount ?? 0;
  return (
    <Link
      className="cart-link"
      to={paths.cart.build()}
      aria-label={`Cart, ${plural(count, 'item')}`}
    >
      <svg aria-hidden="true" viewBox="0 0 24 24" width="22" height="22" focusable="false">
        <path
          d="M3 4h2l2.4 11.2a2 2 0 0 0 2 1.6h7.7a2 2 0 0 0 2-1.5L21 8H6.2"
          fill="none"
          stroke="currentColor"
          strokeWidth="2"
          strokeLinecap="round"
          strokeLinejoin="round"
        />
        <circle cx="10" cy="20" r="1.5" fill="currentColor" />
        <circle cx="17" cy="20" r="1.5" fill="currentColor" />
      </svg>
      <span className="cart-link__label">Cart</span>
      {count > 0 && (
        <span className="cart-link__count" aria-hidden="true">
          {count > 99 ? '99+' : count}
        </span>
      )}
    </Link>
  );
};
