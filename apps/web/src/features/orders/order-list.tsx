import { formatMoney } from '@sellout/core/shared/money';
import { Link } from 'react-router';
import { paths } from '../../app/paths';
import { ErrorMessage } from '../../components/error-message';
import { Loading } from '../../components/loading';
import { formatDateTime } from '../../lib/format-date';
import { plural } from '../../lib/plural';
import { useOrders } from './get-orders';
import { InvoiceViewer } from './invoice-viewer';
import { isStuck, OrderStatusBadge } from './order-status';

export const OrderList = () => {
  const orders = useOrders();
  if (orders.isPending) return <Loading label="Loading your orders…" />;
  if (orders.isError && !orders.data) {
    return (
      <ErrorMessage
        error={orders.error}
        options={{ willRetry: true }}
        onRetry={() => void orders.refetch()}
      />
    );
  }
  const items = orders.data.pages.flatMap((page) => page.items);
  if (items.length === 0) {
    return (
      <div className="empty">
        <p>You have no orders yet.</p>
        <Link className="button" to={paths.home.build()}>
          Start shopping
        </Link>
      </div>
    );
  }
  return (
    <>
      <ul className="orders">
        {items.map((order) => {
          const units = order.lines.reduce((sum, line) => sum + line.quantity, 0);
          return (
            <li key={order.id} className="order-row">
              <div className="order-row__main">
                <Link className="order-row__link" to={paths.order.build(order.id)}>
                  Order <strong className="order-number">#{order.number}</strong>
                </Link>
                <p className="muted small">
                  {formatDateTime(order.createdAt)} · {plural(units, 'item')} ·{' '}
                  {order.lines.map((line) => line.name).join(', ')}
                </p>
                {order.status === 'CANCELLED' && order.failureReason && (
                  <p className="small">Cancelled: {order.failureReason}</p>
                )}
                {isStuck(order) && <p className="small">{order.failureReason}</p>}
              </div>
              <div className="order-row__side">
                <span aria-live="polite">
                  <OrderStatusBadge order={order} />
                </span>
                <strong>{formatMoney(order.totalCents, order.currency)}</strong>
              </div>
              {order.invoiceUrl && (
                <div className="order-row__invoice">
                  <InvoiceViewer
                    orderId={order.id}
                    orderNumber={order.number}
                    invoiceUrl={order.invoiceUrl}
                  />
                </div>
              )}
            </li>
          );
        })}
      </ul>
      {orders.isFetchNextPageError && (
        <ErrorMessage error={orders.error} onRetry={() => void orders.fetchNextPage()} />
      )}
      {orders.hasNextPage && (
        <div className="load-more">
          <button
            type="button"
            className="button button--secondary"
            disabled={orders.isFetchingNextPage}
            onClick={() => void orders.fetchNextPage()}
          >
            {orders.isFetchingNextPage ? 'Loading…' : 'Load more'}
          </button>
        </div>
      )}
    </>
  );
};
