import { Link, NavLink, Outlet } from 'react-router';
import { CartLink } from '../features/cart/cart-link';
import { useLiveStatus } from '../features/live/live-provider';
import { useFocusOnNavigation } from '../lib/use-focus-on-navigation';
import { useOnline } from '../lib/use-online';
import { paths } from './paths';
import { SessionNotice } from './session-notice';

const LIVE_LABELS = {
  open: 'Live stock on',
  connecting: 'Connecting to live stock…',
  closed: 'Live stock paused — reconnecting',
} as const;

export const Layout = () => {
  const main = useFocusOnNavigation();
  const online = useOnline();
  const live = useLiveStatus();
  return (
    <div className="app">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="site-header">
        <div className="container site-header__inner">
          <Link className="logo" to={paths.home.build()}>
            <img src="/favicon.svg" alt="" width={28} height={28} />
            <span>Sellout</span>
          </Link>
          <nav className="site-nav" aria-label="Main">
            <NavLink to={paths.home.build()} end>
              Shop
            </NavLink>
            <NavLink to={paths.orders.build()}>Orders</NavLink>
          </nav>
          <CartLink />
        </div>
      </header>
      <div aria-live="polite">
        {!online && (
          <p className="offline-banner">You’re offline — we’ll retry when you’re back.</p>
        )}
        <SessionNotice />
      </div>
      <main id="main" ref={main} tabIndex={-1} className="container main">
        <Outlet />
      </main>
      <footer className="site-footer">
        <div className="container site-footer__inner">
          <p>Sellout — a shop that never oversells.</p>
          <p className="live-status" data-status={live}>
            <span className="live-status__dot" aria-hidden="true" />
            {LIVE_LABELS[live]}
          </p>
        </div>
      </footer>
    </div>
  );
};
