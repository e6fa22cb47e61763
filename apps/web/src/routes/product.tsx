import { useParams } from 'react-router';
import { ProductDetails } from '../features/product/product-details';

export const ProductRoute = () => {
  const { productId = '' } = useParams();
  // Keyed so a different product starts with a fresh quantity and its own view event.
  return <ProductDetails key={productId} productId={productId} />;
};
