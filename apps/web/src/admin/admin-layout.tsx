import { Link, NavLink, Outlet } from 'react-router';
import { useFocusOnNavigation } from '../lib/use-focus-on-navigation';
import { adminPaths } from './admin-paths';
import { useAdmin } from './session/admin-context';

/** The console's frame: its own header and navigation, the shop one link away. */
export const AdminLayout = () => {
  const admin = useAdmin();
  const main = useFocusOnNavigation();
  return (
    <div className="app admin">
      <a className="skip-link" href="#admin-main">
        Skip to content
      </a>
      <header className="admin-header">
        <div className="container admin-header__inner">
          <Link className="logo" to={adminPaths.products.build()}>
            <img src="/favicon.svg" alt="" width={28} height={28} />
            <span>
              Sellout <span className="admin-header__tag">admin</span>
            </span>
          </Link>
          <nav className="admin-nav" aria-label="Console">
            <NavLink to={adminPaths.products.build()} end>
              Products
            </NavLink>
            <NavLink to={adminPaths.orders.build()}>Orders</NavLink>
            <NavLink to={adminPaths.drops.build()}>Drop board</NavLink>
          </nav>
          <div className="admin-header__end">
            <a href="/">View shop</a>
            <button
              type="button"
              className="button button--secondary button--small"
              onClick={() => admin.signOut('You signed out.')}
            >
              Sign out
            </button>
          </div>
        </div>
      </header>
      <main id="admin-main" ref={main} tabIndex={-1} className="container main">
        <Outlet />
      </main>
    </div>
  );
};
