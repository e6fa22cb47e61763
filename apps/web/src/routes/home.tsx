import { Link, useSearchParams } from 'react-router';
import { paths } from '../app/paths';
import { CategoryFilter } from '../features/catalog/category-filter';
import { useCategories } from '../features/catalog/get-categories';
import { ProductGrid } from '../features/catalog/product-grid';
import { RecommendedRow } from '../features/recommendations/recommended-row';
import { categoryName } from '../lib/category-name';

export const HomeRoute = () => {
  const [params] = useSearchParams();
  const category = params.get('category') || null;
  const categories = useCategories();
  if (category && categories.isSuccess && !categories.data.includes(category)) {
    return <NoSuchCategory category={category} />;
  }
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

/** A link to a category the shop does not have (a typo, or one that was retired). */
const NoSuchCategory = ({ category }: { category: string }) => (
  <div className="empty">
    <title>No such category · Sellout</title>
    <h1>No such category</h1>
    <p>The shop has no category called “{category}”.</p>
    <Link className="button" to={paths.home.build()}>
      See all products
    </Link>
  </div>
);
