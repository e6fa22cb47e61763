import { Link } from 'react-router';
import { paths } from '../../app/paths';
import { categoryName } from '../../lib/category-name';
import { useCategories } from './get-categories';

/** Links, not buttons: each filter is a URL a shopper can share or go back to. */
export const CategoryFilter = ({ selected }: { selected: string | null }) => {
  const categories = useCategories();
  const options: (string | null)[] = [null, ...(categories.data ?? [])];
  // A category from a shared link stays visible even before (or if) the list loads.
  if (selected && !options.includes(selected)) options.push(selected);
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
