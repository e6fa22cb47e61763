import type { Order } from '../../api/response-types';

/**
 * A PENDING order with a failure reason is one the worker gave up on (its message was
 * dead-lettered): it waits for the shop to retry it, so there is nothing to wait for on screen.
 */
export const isStuck = (order: Pick<Order, 'status' | 'failureReason'>) =>
  order.status === 'PENDING' && order.failureReason !== null;

const LABELS = {
  PENDING: 'Processing',
  PROCESSED: 'Confirmed',
  CANCELLED: 'Cancelled',
  STUCK: 'Delayed',
} as const;

export const OrderStatusBadge = ({ order }: { order: Pick<Order, 'status' | 'failureReason'> }) => {
  const state = isStuck(order) ? 'STUCK' : order.status;
  return <span className={`badge badge--status-${state.toLowerCase()}`}>{LABELS[state]}</span>;
};
