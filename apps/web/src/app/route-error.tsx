import { isRouteErrorResponse, Link, useRouteError } from 'react-router';
import { paths } from './paths';

/** Shown when a page itself crashes: say so plainly and offer a way back. */
export const RouteError = () => {
  const error = useRouteError();
  const notFound = isRouteErrorResponse(error) && error.status === 404;
  return (
    <div className="container main">
      <div className="empty">
        <title>Something went wrong · Sellout</title>
        <h1>{notFound ? 'Page not found' : 'Something went wrong'}</h1>
        <p>
          {notFound
            ? 'There is nothing at this address.'
            : 'This page hit a problem. Reloading usually fixes it; your cart is safe.'}
        </p>
        <p className="confirmation__links">
          <button type="button" className="button" onClick={() => window.location.reload()}>
            Reload
          </button>
          <Link to={paths.home.build()}>Back to the shop</Link>
        </p>
      </div>
    </div>
  );
};
