import type { Order } from '../../api/response-types';
import { isStuck } from '../../features/orders/order-status';

const LABELS = {
  PENDING: 'Processing',
  PROCESSED: 'Processed',
  CANCELLED: 'Cancelled',
  STUCK: 'Stuck',
} as const;

/** An order's status as the owner reads it; a stuck order is one that needs them. */
export const AdminOrderStatus = ({ order }: { order: Pick<Order, 'status' | 'failureReason'> }) => {
  const state = isStuck(order) ? 'STUCK' : order.status;
  return <span className={`badge badge--status-${state.toLowerCase()}`}>{LABELS[state]}</span>;
};

export { isStuck };
