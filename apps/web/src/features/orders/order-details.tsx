import { formatMoney } from '@sellout/core/shared/money';
import { Link } from 'react-router';
import { isApiError } from '../../api/api-error';
import type { Order } from '../../api/response-types';
import { paths } from '../../app/paths';
import { ErrorMessage } from '../../components/error-message';
import { Loading } from '../../components/loading';
import { countryName } from '../../lib/countries';
import { formatDateTime } from '../../lib/format-date';
import { useOrder } from './get-order';
import { InvoiceViewer } from './invoice-viewer';
import { isStuck, OrderStatusBadge } from './order-status';

const StatusMessage = ({ order }: { order: Order }) => {
  switch (order.status) {
    case 'PENDING':
      // Stuck: no spinner, since nothing will happen until the shop retries the order.
      if (order.failureReason !== null) {
        return (
          <>
            <p>{order.failureReason}</p>
            <p>
              You don’t need to order again: once it goes through, we’ll send the confirmation to{' '}
              <strong>{order.email}</strong>.
            </p>
          </>
        );
      }
      return (
        <p>
          <span className="spinner" aria-hidden="true" /> We’re confirming your payment. This page
          updates by itself.
        </p>
      );
    case 'PROCESSED':
      return (
        <p>
          Payment confirmed. A confirmation email with your invoice is on its way to{' '}
          <strong>{order.email}</strong>.
        </p>
      );
    case 'CANCELLED':
      return (
        <p>
          The payment did not go through
          {order.failureReason ? ` (${order.failureReason.replace(/[.!]+$/, '')})` : ''}. Nothing
          was charged, and the items went back on sale.
        </p>
      );
  }
};

/** The confirmation page: what was bought, where it goes, and the status as it changes. */
export const OrderDetails = ({ orderId, poll }: { orderId: string; poll: boolean }) => {
  const order = useOrder(orderId, { poll });

  if (order.isPending) return <Loading label="Loading your order…" />;
  if (order.isError && !order.data) {
    if (isApiError(order.error, 'NOT_FOUND')) {
      return (
        <div className="empty">
          <h1>We couldn’t find that order</h1>
          <p>Orders are only visible in the browser that placed them.</p>
          <Link className="button" to={paths.orders.build()}>
            Your orders
          </Link>
        </div>
      );
    }
    return (
      <ErrorMessage
        error={order.error}
        options={{ willRetry: true }}
        onRetry={() => void order.refetch()}
      />
    );
  }

  const o = order.data;
  const { shipping } = o;
  return (
    <article className="confirmation">
      <title>{`Order #${o.number} · Sellout`}</title>
      <header className="confirmation__head">
        <h1>
          {o.status === 'CANCELLED' ? 'Your order was cancelled' : 'Thank you for your order!'}
        </h1>
        <p>
          Order <strong className="order-number">#{o.number}</strong>, placed{' '}
          {formatDateTime(o.createdAt)}
          <span className="muted small">
            {' '}
            (reference <code className="order-id">{o.id}</code>)
          </span>
        </p>
      </header>
      <section
        className={`status-panel status-panel--${isStuck(o) ? 'stuck' : o.status.toLowerCase()}`}
        aria-live="polite"
        aria-atomic="true"
        aria-label="Order status"
      >
        <p className="status-panel__label">
          Status: <OrderStatusBadge order={o} />
        </p>
        <StatusMessage order={o} />
      </section>

      <div className="confirmation__grid">
        <section aria-labelledby="lines-heading">
          <h2 id="lines-heading">Items</h2>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Item</th>
                <th scope="col" className="num">
                  Qty
                </th>
                <th scope="col" className="num">
                  Price
                </th>
                <th scope="col" className="num">
                  Total
                </th>
              </tr>
            </thead>
            <tbody>
              {o.lines.map((line) => (
                <tr key={line.productId}>
                  <td>
                    <Link to={paths.product.build(line.productId)}>{line.name}</Link>
                  </td>
                  <td className="num">{line.quantity}</td>
                  <td className="num">{formatMoney(line.priceCents, o.currency)}</td>
                  <td className="num">{formatMoney(line.lineTotalCents, o.currency)}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row" colSpan={3}>
                  Total
                </th>
                <td className="num">{formatMoney(o.totalCents, o.currency)}</td>
              </tr>
            </tfoot>
          </table>
        </section>
        <section aria-labelledby="ship-heading">
          <h2 id="ship-heading">Shipping to</h2>
          <address className="address">
            {shipping.name}
            <br />
            {shipping.line1}
            {shipping.line2 && (
              <>
                <br />
                {shipping.line2}
              </>
            )}
            <br />
            {shipping.postalCode} {shipping.city}
            <br />
            {countryName(shipping.country)}
          </address>
          {o.invoiceUrl && (
            <InvoiceViewer orderId={o.id} orderNumber={o.number} invoiceUrl={o.invoiceUrl} />
          )}
        </section>
      </div>
      <p className="confirmation__links">
        <Link className="button" to={paths.home.build()}>
          Continue shopping
        </Link>
        <Link to={paths.orders.build()}>All your orders</Link>
      </p>
    </article>
  );
};
