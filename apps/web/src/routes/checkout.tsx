import { quantitySchema } from '@sellout/core/carts/cart';
import { productIdSchema } from '@sellout/core/catalog/product';
import { Link, useSearchParams } from 'react-router';
import { paths } from '../app/paths';
import { BuyNowCheckout, CartCheckout } from '../features/checkout/checkout-view';

export const CheckoutRoute = () => {
  const [params, setParams] = useSearchParams();
  const product = params.get('product');
  const buyNow = product !== null;
  const productId = productIdSchema.safeParse(product);
  const quantity = quantitySchema.safeParse(Number(params.get('quantity') ?? '1'));

  return (
    <>
      <title>Checkout · Sellout</title>
      <h1>{buyNow ? 'Buy now' : 'Checkout'}</h1>
      {!buyNow && <CartCheckout />}
      {buyNow &&
        (productId.success && quantity.success ? (
          <BuyNowCheckout
            productId={productId.data}
            quantity={quantity.data}
            onQuantityChange={(next) =>
              setParams(new URLSearchParams({ product: productId.data, quantity: String(next) }), {
                replace: true,
              })
            }
          />
        ) : (
          <div className="empty">
            <p>This “Buy now” link is not complete — start again from the product page.</p>
            <Link className="button" to={paths.home.build()}>
              Browse the shop
            </Link>
          </div>
        ))}
    </>
  );
};
