import { Link } from 'react-router';
import { paths } from '../../app/paths';
import { categoryName } from '../../lib/category-name';
import { useCategories } from './get-categories';

/** Links, not buttons: each filter is a URL a shopper can share or go back to. */
export const CategoryFilter = ({ selected }: { selected: string | null }) => {
  const categories = useCategories();
  // Only categories the shop has: a made-up one in the URL gets no chip of its own.
  const options: (string | null)[] = [null, ...(categories.data ?? [])];
  return (
    <nav className="filters" aria-label="Categories">
      <ul className="filters__list">
        {options.map((category) => (
          <li key={category ?? 'all'}>
            <Link
              className="chip"
              to={paths.home.build(category)}
              aria-current={category === selected ? 'page' : undefined}
            >
              {category ? categoryName(category) : 'All'}
            </Link>
          </li>
        ))}
      </ul>
      {categories.isError && (
        <p className="muted small">Categories could not be loaded; showing everything.</p>
      )}
    </nav>
  );
};
