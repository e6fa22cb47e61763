import { formatMoney } from '@sellout/core/shared/money';
import { useId, useState } from 'react';
import { Link, useParams } from 'react-router';
import { isApiError } from '../../api/api-error';
import type { Order } from '../../api/response-types';
import { InvoicePanel } from '../../components/invoice-panel';
import { Loading } from '../../components/loading';
import { OrderTotals } from '../../components/order-totals';
import { countryName } from '../../lib/countries';
import { formatDateTime } from '../../lib/format-date';
import { adminPaths } from '../admin-paths';
import { AdminError } from '../components/admin-error';
import { describedByProblem, FieldProblem } from '../components/field-problem';
import { useAdminInvoice, useAdminOrder, useCancelOrder, useRetryOrder } from './admin-orders-api';
import { AdminOrderStatus, isStuck } from './order-badges';

const DEFAULT_REASON = 'We are sorry: we had to cancel this order. You have not been charged.';

const CancelOrder = ({ order }: { order: Order }) => {
  const cancel = useCancelOrder();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState(DEFAULT_REASON);
  const [problem, setProblem] = useState<string | null>(null);
  const id = useId();
  if (!open) {
    return (
      <button type="button" className="button button--danger" onClick={() => setOpen(true)}>
        Cancel and release stock…
      </button>
    );
  }
  return (
    <form
      className="admin-form admin-confirm"
      aria-label="Cancel this order"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        if (reason.trim() === '') return setProblem('Say why: the customer reads it in an email.');
        setProblem(null);
        cancel.mutate({ orderId: order.id, reason: reason.trim() });
      }}
    >
      <p>
        The order becomes <strong>Cancelled</strong>, its{' '}
        {order.lines.length === 1 ? 'item goes' : 'items go'} back into stock at once, and{' '}
        {order.email} gets one email with your reason.
      </p>
      <div className="field">
        <label htmlFor={id}>Reason (the customer reads it)</label>
        <textarea
          id={id}
          className="input"
          rows={3}
          value={reason}
          {...describedByProblem(id, problem)}
          aria-invalid={problem || cancel.error ? true : undefined}
          onChange={(event) => setReason(event.target.value)}
        />
        <FieldProblem id={id} problem={problem} />
      </div>
      {cancel.isError && <AdminError error={cancel.error} />}
      <div className="admin-actions">
        <button type="submit" className="button button--danger">
          {cancel.isPending ? 'Cancelling…' : 'Cancel order and release stock'}
        </button>
        <button type="button" className="button button--secondary" onClick={() => setOpen(false)}>
          Keep the order
        </button>
      </div>
    </form>
  );
};

const Invoice = ({ order }: { order: Order }) => {
  const [open, setOpen] = useState(false);
  const invoice = useAdminInvoice(order.id, open);
  if (!order.invoiceUrl) {
    return <p className="muted">The invoice is written once the order is processed.</p>;
  }
  return (
    <InvoicePanel
      open={open}
      onToggle={() => setOpen((was) => !was)}
      invoice={invoice}
      orderNumber={order.number}
      loadingLabel="Loading the invoice…"
      error={<AdminError error={invoice.error} />}
    />
  );
};

/** `/admin/orders/:orderId`: everything about one order, and what can be done with it. */
export const OrderPage = () => {
  const { orderId = '' } = useParams();
  const order = useAdminOrder(orderId);
  const retry = useRetryOrder();

  if (order.isPending) return <Loading label="Loading the order…" />;
  if (order.isError && !order.data) {
    return isApiError(order.error, 'NOT_FOUND') ? (
      <div className="empty">
        <h1>No such order</h1>
        <Link to={adminPaths.orders.build()}>Back to orders</Link>
      </div>
    ) : (
      <AdminError error={order.error} onRetry={() => void order.refetch()} />
    );
  }
  const o = order.data;
  const { shipping } = o;
  return (
    <>
      <title>{`Order #${o.number} · Sellout admin`}</title>
      <p className="admin-back">
        <Link to={adminPaths.orders.build()}>← Orders</Link>
      </p>
      <div className="admin-heading">
        <h1>Order #{o.number}</h1>
        <span aria-live="polite">
          <AdminOrderStatus order={o} />
        </span>
      </div>
      <p className="muted">
        Placed {formatDateTime(o.createdAt)}
        {o.processedAt ? ` · processed ${formatDateTime(o.processedAt)}` : ''} · reference {o.id}
      </p>
      {isStuck(o) && (
        <div className="alert alert--warning" role="alert">
          <p>
            <strong>Stuck:</strong> {o.failureReason} The customer sees that it is delayed, and the
            shop owner’s address (if one is set up) got one email about it.
          </p>
          <div className="admin-actions">
            <button
              type="button"
              className="button button--small"
              aria-disabled={retry.isPending || undefined}
              onClick={() => !retry.isPending && retry.mutate(o.id)}
            >
              {retry.isPending ? 'Retrying…' : 'Retry'}
            </button>
          </div>
          {retry.isError && <AdminError error={retry.error} />}
        </div>
      )}
      {o.status === 'CANCELLED' && o.failureReason && (
        <p className="alert alert--warning">Cancelled: {o.failureReason}</p>
      )}
      {o.status === 'PENDING' && <CancelOrder order={o} />}

      <div className="admin-columns">
        <section aria-labelledby="order-lines">
          <h2 id="order-lines">Items</h2>
          <table className="admin-table admin-table--plain">
            <thead>
              <tr>
                <th scope="col">Product</th>
                <th scope="col" className="num">
                  Quantity
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
                  <th scope="row" data-label="Product">
                    <Link to={adminPaths.product.build(line.productId)}>{line.name}</Link>
                  </th>
                  <td data-label="Quantity" className="num">
                    {line.quantity}
                  </td>
                  <td data-label="Price" className="num">
                    {formatMoney(line.priceCents, o.currency)}
                  </td>
                  <td data-label="Total" className="num">
                    {formatMoney(line.lineTotalCents, o.currency)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <OrderTotals totalCents={o.totalCents} currency={o.currency} />
        </section>
        <section aria-labelledby="order-customer">
          <h2 id="order-customer">Customer</h2>
          <p>
            <a href={`mailto:${o.email}`}>{o.email}</a>
          </p>
          <h3>Ships to</h3>
          <address>
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
          <h3>Invoice</h3>
          <Invoice order={o} />
        </section>
      </div>
    </>
  );
};
