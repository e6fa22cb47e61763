import { formatMoney } from '@sellout/core/shared/money';
import { Link } from 'react-router';
import { isApiError } from '../../api/api-error';
import { paths } from '../../app/paths';
import { ErrorMessage } from '../../components/error-message';
import { Loading } from '../../components/loading';
import { FlashSaleBadge, LiveStockBadge } from '../../components/stock-badge';
import { categoryName } from '../../lib/category-name';
import { useProduct } from './get-product';
import { ProductPurchase } from './product-purchase';
import { useRecordView } from './use-record-view';

export const ProductDetails = ({ productId }: { productId: string }) => {
  const product = useProduct(productId);
  useRecordView(product.isSuccess ? productId : undefined);

  if (product.isPending) return <Loading label="Loading product…" />;
  if (product.isError && !product.data) {
    if (isApiError(product.error, 'NOT_FOUND')) {
      return (
        <div className="empty">
          <title>Product not found · Sellout</title>
          <h1>We couldn’t find that product</h1>
          <p>It may have been removed from the shop.</p>
          <Link className="button" to={paths.home.build()}>
            Browse the shop
          </Link>
        </div>
      );
    }
    return (
      <ErrorMessage
        error={product.error}
        options={{ willRetry: true }}
        onRetry={() => void product.refetch()}
      />
    );
  }

  const p = product.data;
  return (
    <article className="product">
      <title>{`${p.name} · Sellout`}</title>
      <div className="product__media">
        <img src={p.imageUrl} alt={p.name} width={800} height={800} />
      </div>
      <div className="product__info">
        <p className="eyebrow">
          <Link to={paths.home.build(p.category)}>{categoryName(p.category)}</Link>
        </p>
        <h1 className="product__name">{p.name}</h1>
        <p className="product__price">{formatMoney(p.priceCents, p.currency)}</p>
        <div className="product__badges">
          <FlashSaleBadge maxPerOrder={p.maxPerOrder} />
          <LiveStockBadge productName={p.name} stock={p.stock} />
        </div>
        <p className="product__description">{p.description}</p>
        <ProductPurchase product={p} />
      </div>
    </article>
  );
};
