import { ErrorMessage } from '../../components/error-message';
import { Loading } from '../../components/loading';
import { ProductCard } from '../../components/product-card';
import { categoryName } from '../../lib/category-name';
import { useProducts } from './get-products';

export const ProductGrid = ({ category }: { category: string | null }) => {
  const products = useProducts(category);

  if (products.isPending) return <Loading label="Loading products…" />;
  if (products.isError && !products.data) {
    return (
      <ErrorMessage
        error={products.error}
        options={{ willRetry: true }}
        onRetry={() => void products.refetch()}
      />
    );
  }

  const items = products.data.pages.flatMap((page) => page.items);
  if (items.length === 0) {
    return (
      <p className="empty">
        {category ? `Nothing in ${categoryName(category)} right now.` : 'The shop is empty.'}
      </p>
    );
  }
  return (
    <>
      <ul className="grid" aria-label={category ? categoryName(category) : 'All products'}>
        {items.map((product) => (
          <li key={product.id}>
            <ProductCard product={product} />
          </li>
        ))}
      </ul>
      {products.isFetchNextPageError && (
        <ErrorMessage error={products.error} onRetry={() => void products.fetchNextPage()} />
      )}
      {products.hasNextPage && (
        <div className="load-more">
          <button
            type="button"
            className="button button--secondary"
            onClick={() => void products.fetchNextPage()}
            disabled={products.isFetchingNextPage}
          >
            {products.isFetchingNextPage ? 'Loading…' : 'Load more'}
          </button>
        </div>
      )}
    </>
  );
};
