import { Link } from 'react-router';
import { paths } from '../app/paths';

export const NotFoundRoute = () => (
  <div className="empty">
    <title>Page not found · Sellout</title>
    <h1>Page not found</h1>
    <p>There is nothing at this address. It may have moved, or the link has a typo.</p>
    <Link className="button" to={paths.home.build()}>
      Back to the shop
    </Link>
  </div>
);
