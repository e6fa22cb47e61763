import { Loading } from '../../components/loading';
import { ProductCard } from '../../components/product-card';
import { categoryName } from '../../lib/category-name';
import { useRecommendations } from './get-recommendations';

export const RecommendedRow = () => {
  const recommendations = useRecommendations();
  const data = recommendations.data;
  return (
    <section className="section" aria-labelledby="recommended-heading">
      <div className="section__head">
        <h2 id="recommended-heading">Recommended for you</h2>
        {data && (
          <p className="muted small">
            {data.basis === 'category' && data.category
              ? `Picked from ${categoryName(data.category)}, because you looked there.`
              : 'Popular right now.'}
          </p>
        )}
      </div>
      {recommendations.isPending && <Loading label="Finding products for you…" />}
      {recommendations.isError && !data && (
        // Secondary content: say so quietly instead of alarming the shopper.
        <p className="muted">Recommendations are not available right now.</p>
      )}
      {data && data.items.length === 0 && <p className="muted">Nothing to recommend yet.</p>}
      {data && data.items.length > 0 && (
        <ul className="grid" aria-label="Recommended products">
          {data.items.map((product) => (
            <li key={product.id}>
              <ProductCard product={product} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
};
