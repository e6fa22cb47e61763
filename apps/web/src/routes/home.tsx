import { useSearchParams } from 'react-router';
import { CategoryFilter } from '../features/catalog/category-filter';
import { ProductGrid } from '../features/catalog/product-grid';
import { RecommendedRow } from '../features/recommendations/recommended-row';
import { categoryName } from '../lib/category-name';

export const HomeRoute = () => {
  const [params] = useSearchParams();
  const category = params.get('category') || null;
  return (
    <>
      <title>
        {category ? `${categoryName(category)} · Sellout` : 'Sellout — limited drops, live stock'}
      </title>
      <section className="hero">
        <h1>Limited drops. Live stock. No overselling.</h1>
        <p>What you see is what is left — stock updates the moment someone buys.</p>
      </section>
      <RecommendedRow />
      <section className="section" aria-labelledby="catalog-heading">
        <div className="section__head">
          <h2 id="catalog-heading">{category ? categoryName(category) : 'All products'}</h2>
        </div>
        <CategoryFilter selected={category} />
        <ProductGrid category={category} />
      </section>
    </>
  );
};
