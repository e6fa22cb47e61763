import { useState, useSyncExternalStore } from 'react';
import type { SessionReplacement } from '../api/api-client';
import { useApi } from '../api/api-context';

const ORDERS =
  'Orders placed before are no longer listed here; their confirmation emails have the details.';

const listOf = (names: string[]) =>
  names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;

/** What happened, in the shopper's words: the new session, and what became of their cart. */
export const describeReplacement = ({ cartSeen, carried, lost }: SessionReplacement): string => {
  const expired = 'Your session expired, so we started a new one';
  if (!cartSeen) return `${expired}. Your previous cart and orders are no longer available here.`;
  if (lost.length > 0 && carried.length === 0)
    return `${expired}, but could not move ${listOf(lost)} from your cart into it. ${ORDERS}`;
  if (lost.length > 0)
    return `${expired} and moved your cart into it, except ${listOf(lost)}. ${ORDERS}`;
  if (carried.length > 0) return `${expired} and moved your cart into it. ${ORDERS}`;
  return `${expired}. ${ORDERS}`;
};

/**
 * Says once, until dismissed, that the server refused the shopper's session and a new guest
 * session took its place, and what became of the cart they saw: without a word the shopper
 * would think their cart or orders lost by a bug.
 */
export const SessionNotice = () => {
  const api = useApi();
  const replacement = useSyncExternalStore(api.session.subscribe, api.session.replacement);
  const [dismissedAt, setDismissedAt] = useState(0);
  if (replacement.count <= dismissedAt) return null;
  return (
    <div className="session-notice" role="status">
      <p>{describeReplacement(replacement)}</p>
      <button
        type="button"
        className="button button--small button--secondary"
        onClick={() => setDismissedAt(replacement.count)}
      >
        Dismiss<span className="visually-hidden"> this notice</span>
      </button>
    </div>
  );
};
