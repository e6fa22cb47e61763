import { CartView } from '../features/cart/cart-view';

export const CartRoute = () => (
  <>
    <title>Your cart · Sellout</title>
    <h1>Your cart</h1>
    <CartView />
  </>
);
