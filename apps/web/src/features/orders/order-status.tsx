import type { OrderStatus } from '../../api/schemas';

const LABELS: Record<OrderStatus, string> = {
  PENDING: 'Processing',
  PROCESSED: 'Confirmed',
  CANCELLED: 'Cancelled',
};

export const OrderStatusBadge = ({ status }: { status: OrderStatus }) => (
  <span className={`badge badge--status-${status.toLowerCase()}`}>{LABELS[status]}</span>
);
