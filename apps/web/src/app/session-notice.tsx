import { useState, useSyncExternalStore } from 'react';
import { useApi } from '../api/api-context';

/**
 * Says once, until dismissed, that the server refused the shopper's session and a new guest
 * session took its place: the cart and orders on screen now belong to that new session, and
 * without a word the shopper would think them lost by a bug.
 */
export const SessionNotice = () => {
  const api = useApi();
  const replaced = useSyncExternalStore(api.session.subscribe, api.session.replacedCount);
  const [dismissedAt, setDismissedAt] = useState(0);
  if (replaced <= dismissedAt) return null;
  return (
    <div className="session-notice">
      <p>
        Your session expired, so we started a new one. Your previous cart and orders are no longer
        available here.
      </p>
      <button
        type="button"
        className="button button--small button--secondary"
        onClick={() => setDismissedAt(replaced)}
      >
        Dismiss<span className="visually-hidden"> this notice</span>
      </button>
    </div>
  );
};
