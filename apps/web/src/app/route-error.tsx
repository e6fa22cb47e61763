import { Component, type ReactNode } from 'react';
import { Link } from 'react-router';
import { paths } from './paths';

/** Shown when a page itself crashes, or its code cannot be loaded: say so, offer a way back. */
const PageFailed = () => (
  <div className="empty">
    <title>Something went wrong · Sellout</title>
    <h1>Something went wrong</h1>
    <p>This page hit a problem. Reloading usually fixes it; your cart is safe.</p>
    <p className="confirmation__links">
      <button type="button" className="button" onClick={() => window.location.reload()}>
        Reload
      </button>
      <Link to={paths.home.build()}>Back to the shop</Link>
    </p>
  </div>
);

/** One page's error boundary: the header and the cart stay usable when a page fails. */
export class RouteError extends Component<{ children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError() {
    return { failed: true };
  }

  override render() {
    return this.state.failed ? <PageFailed /> : this.props.children;
  }
}
