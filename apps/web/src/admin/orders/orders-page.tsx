import { formatMoney } from '@sellout/core/shared/money';
import { useId, useState } from 'react';
import { Link } from 'react-router';
import type { Order, OrderStatus } from '../../api/response-types';
import { Loading } from '../../components/loading';
import { formatDateTime } from '../../lib/format-date';
import { plural } from '../../lib/plural';
import { adminPaths } from '../admin-paths';
import { AdminError } from '../components/admin-error';
import { describedByProblem, FieldProblem } from '../components/field-problem';
import { type OrderFilter, useAdminOrders, useRetryOrder } from './admin-orders-api';
import { AdminOrderStatus, isStuck } from './order-badges';
import { parseOrderSearch } from './order-search';

const STATUS_CHOICES: { value: OrderStatus | ''; label: string }[] = [
  { value: '', label: 'Every status' },
  { value: 'PENDING', label: 'Processing (stuck ones included)' },
  { value: 'PROCESSED', label: 'Processed' },
  { value: 'CANCELLED', label: 'Cancelled' },
];

const units = (order: Order) => order.lines.reduce((sum, line) => sum + line.quantity, 0);

/** Retry from the list: the one action a stuck order needs most. */
const RetryButton = ({ order }: { order: Order }) => {
  const retry = useRetryOrder();
  return (
    <>
      <button
        type="button"
        className="button button--small"
        aria-disabled={retry.isPending || undefined}
        onClick={() => !retry.isPending && retry.mutate(order.id)}
      >
        {retry.isPending ? 'Retrying…' : 'Retry'}
        <span className="visually-hidden"> order #{order.number}</span>
      </button>
      {retry.isSuccess && (
        <span className="admin-table__sub" role="status">
          {retry.data.requeued ? 'Sent to processing again.' : 'Already on its way.'}
        </span>
      )}
      {retry.isError && <AdminError error={retry.error} />}
    </>
  );
};

/** `/admin/orders`: newest first, by status, or found by number or email. */
export const OrdersPage = () => {
  const [filter, setFilter] = useState<OrderFilter>({ status: null, search: null });
  const [typed, setTyped] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  // New orders keep arriving: the list reads itself again every few seconds.
  const orders = useAdminOrders(filter, { refetchInterval: 4000 });
  const id = useId();
  const all = orders.data?.pages.flatMap((page) => page.items) ?? [];
  const stuck = all.filter(isStuck).length;

  return (
    <>
      <title>Orders · Sellout admin</title>
      <h1>Orders</h1>
      <search className="admin-filters" aria-label="Find orders">
        <form
          className="admin-filters__search"
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            const parsed = parseOrderSearch(typed);
            if (!parsed.ok) return setProblem(parsed.problem);
            setProblem(null);
            setFilter((current) => ({ ...current, search: parsed.search }));
          }}
        >
          <div className="field">
            <label htmlFor={`${id}-search`}>Order number or customer email</label>
            <div className="input-with-button">
              <input
                id={`${id}-search`}
                className="input"
                type="search"
                value={typed}
                {...describedByProblem(id, problem)}
                onChange={(event) => setTyped(event.target.value)}
              />
              <button type="submit" className="button button--secondary">
                Search
              </button>
            </div>
            <FieldProblem id={id} problem={problem} />
          </div>
        </form>
        <div className="field">
          <label htmlFor={`${id}-status`}>Status</label>
          <select
            id={`${id}-status`}
            className="select"
            value={filter.status ?? ''}
            onChange={(event) =>
              setFilter((current) => ({
                ...current,
                status: (event.target.value || null) as OrderStatus | null,
              }))
            }
          >
            {STATUS_CHOICES.map((choice) => (
              <option key={choice.value} value={choice.value}>
                {choice.label}
              </option>
            ))}
          </select>
        </div>
      </search>
      {filter.search && (
        <p>
          Showing the orders of{' '}
          <strong>
            {'number' in filter.search ? `#${filter.search.number}` : filter.search.email}
          </strong>
          .{' '}
          <button
            type="button"
            className="button button--link"
            onClick={() => {
              setTyped('');
              setFilter((current) => ({ ...current, search: null }));
            }}
          >
            Show all orders
          </button>
        </p>
      )}
      {stuck > 0 && (
        <p className="alert alert--warning">
          {plural(stuck, 'order')} {stuck === 1 ? 'is' : 'are'} stuck: payment or processing was
          given up on after several tries. Retry once the cause is fixed, or cancel to release the
          stock.
        </p>
      )}
      {orders.isPending && <Loading label="Loading orders…" />}
      {orders.isError && !orders.data && (
        <AdminError error={orders.error} onRetry={() => void orders.refetch()} />
      )}
      {orders.data && all.length === 0 && (
        <p className="empty">{filter.search ? 'No order matches.' : 'No orders yet.'}</p>
      )}
      {all.length > 0 && (
        <table className="admin-table">
          <caption className="visually-hidden">Orders, newest first</caption>
          <thead>
            <tr>
              <th scope="col">Order</th>
              <th scope="col">Placed</th>
              <th scope="col">Customer</th>
              <th scope="col" className="num">
                Items
              </th>
              <th scope="col" className="num">
                Total
              </th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {all.map((order) => (
              <tr key={order.id} className={isStuck(order) ? 'admin-table__row--stuck' : undefined}>
                <th scope="row" data-label="Order" className="admin-table__nowrap">
                  <Link to={adminPaths.order.build(order.id)}>#{order.number}</Link>
                </th>
                <td data-label="Placed">{formatDateTime(order.createdAt)}</td>
                <td data-label="Customer" className="admin-table__wrap">
                  {/* Breaks after the @, not inside the domain, when the column is narrow. */}
                  {order.email.slice(0, order.email.lastIndexOf('@') + 1)}
                  <wbr />
                  {order.email.slice(order.email.lastIndexOf('@') + 1)}
                </td>
                <td data-label="Items" className="num">
                  {units(order)}
                </td>
                <td data-label="Total" className="num">
                  {formatMoney(order.totalCents, order.currency)}
                </td>
                <td data-label="Status">
                  <AdminOrderStatus order={order} />
                  {isStuck(order) && (
                    <>
                      <span className="admin-table__sub">{order.failureReason}</span>
                      <RetryButton order={order} />
                    </>
                  )}
                  {order.status === 'CANCELLED' && order.failureReason && (
                    <span className="admin-table__sub">{order.failureReason}</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {orders.hasNextPage && (
        <button
          type="button"
          className="button button--secondary"
          onClick={() => void orders.fetchNextPage()}
        >
          {orders.isFetchingNextPage ? 'Loading…' : 'Show older orders'}
        </button>
      )}
    </>
  );
};
