import { useQuery } from '@tanstack/react-query';
import { useEffect, useId, useReducer, useRef, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import type { Order } from '../../api/response-types';
import { Loading } from '../../components/loading';
import { useServerClock } from '../../features/drops/server-clock';
import { formatCountdown, useDropCountdown } from '../../features/drops/use-drop-countdown';
import { useLiveMessages, useLiveStatus } from '../../features/live/live-provider';
import { formatDropTime } from '../../lib/format-date';
import { adminKeys, adminPaths } from '../admin-paths';
import { AdminError } from '../components/admin-error';
import { AdminOrderStatus } from '../orders/order-badges';
import { type AdminProduct, useAdminProducts } from '../products/get-admin-products';
import { useAdminApi } from '../session/admin-context';
import {
  chartPoints,
  formatDuration,
  ordersOf,
  ordersPerSecond,
  type StockPoint,
  timeToSellOut,
  unitsOf,
} from './drop-stats';

const CHART = { width: 300, height: 80 };
const timeToTheMillisecond = new Intl.DateTimeFormat(undefined, {
  hour: 'numeric',
  minute: '2-digit',
  second: '2-digit',
  fractionalSecondDigits: 3,
});

/** Re-renders the caller every `ms`, for numbers that change with time (orders per second). */
const useEvery = (ms: number) => {
  const [, tick] = useReducer((n: number) => n + 1, 0);
  useEffect(() => {
    const timer = setInterval(tick, ms);
    return () => clearInterval(timer);
  }, [ms]);
};

/**
 * The orders of one product, as they arrive: the newest page of all orders read every second
 * (a drop is the busiest second of the shop, so this is where its orders are), accumulated
 * while the board is open so orders pushed off that page stay counted.
 */
const useDropOrders = (productId: string) => {
  const api = useAdminApi();
  const seen = useRef(new Map<string, Order>());
  const latest = useQuery({
    queryKey: adminKeys.dropOrders(productId),
    queryFn: ({ signal }) =>
      api.json((s) => s.orderPageJsonSchema, {
        path: '/api/admin/orders',
        query: { limit: 100 },
        signal,
      }),
    refetchInterval: 1000,
  });
  for (const order of latest.data?.items ?? []) seen.current.set(order.id, order);
  return { orders: ordersOf(seen.current.values(), productId), query: latest };
};

type LiveProduct = Pick<AdminProduct, 'stock' | 'version' | 'saleStartsAt'>;

const DropBoard = ({ product }: { product: AdminProduct }) => {
  const clock = useServerClock();
  const liveStatus = useLiveStatus();
  const [live, setLive] = useState<LiveProduct>(product);
  const [history, setHistory] = useState<StockPoint[]>(() => [
    { at: clock.now(), stock: product.stock },
  ]);
  // What the live socket says, unless the last read of the catalog is newer.
  const current = product.version > live.version ? product : live;
  const record = (stock: number) =>
    setHistory((points) => [...points, { at: clock.now(), stock }].slice(-600));

  useLiveMessages((message) => {
    if (message.type === 'stock' && message.productId === product.id) {
      if (message.version <= current.version) return;
      setLive((was) => ({ ...was, stock: message.stock, version: message.version }));
      record(message.stock);
    } else if (message.type === 'product' && message.productId === product.id) {
      if (message.version <= current.version) return;
      setLive((was) => ({ ...was, saleStartsAt: message.saleStartsAt, version: message.version }));
    }
  });
  const polled = useRef(product.version);
  useEffect(() => {
    if (product.version <= polled.current) return;
    polled.current = product.version;
    setHistory((points) =>
      points.at(-1)?.stock === product.stock
        ? points
        : [...points, { at: clock.now(), stock: product.stock }],
    );
  }, [product.version, product.stock, clock]);

  const drop = useDropCountdown(current.saleStartsAt);
  const { orders, query } = useDropOrders(product.id);
  useEvery(1000);
  const now = clock.now();
  // Units sold as the catalog last counted them, plus what live stock has lost since.
  const unitsSold = product.unitsSold + Math.max(0, product.stock - current.stock);
  const perSecond = ordersPerSecond(orders, now);
  const soldOut = current.stock <= 0;
  // The order that took the last unit was committed before the stock said 0: the first read of
  // the orders after that has it. Until then the board says "sold out" without a time.
  const [soldOutSeenAt, setSoldOutSeenAt] = useState<number | null>(null);
  const { refetch } = query;
  useEffect(() => {
    if (!soldOut) return setSoldOutSeenAt(null);
    setSoldOutSeenAt((seen) => seen ?? Date.now());
    void refetch();
  }, [soldOut, refetch]);
  const sellOut =
    soldOutSeenAt !== null && query.dataUpdatedAt > soldOutSeenAt
      ? timeToSellOut(current.saleStartsAt, current.stock, orders)
      : null;
  const headline = !drop.open
    ? `Opens in ${formatCountdown(drop.msLeft)}`
    : soldOut
      ? sellOut !== null
        ? `Sold out in ${formatDuration(sellOut)}`
        : 'Sold out'
      : 'Open — selling now';
  const milestone = !drop.open ? '' : soldOut ? headline : 'The drop is open.';

  return (
    <section className="board" aria-labelledby="board-product">
      <div className="board__head">
        <img src={product.imageUrl} alt="" width={72} height={72} />
        <div>
          <h2 id="board-product">{product.name}</h2>
          <p className="muted small">
            {current.saleStartsAt
              ? `Drop time ${formatDropTime(current.saleStartsAt)}`
              : 'No drop time: on sale since it was created'}{' '}
            · <Link to={adminPaths.product.build(product.id)}>Edit</Link>
          </p>
        </div>
        <p className={`board__live board__live--${liveStatus}`}>
          <span aria-hidden="true" className="live-status__dot" />
          {liveStatus === 'open' ? 'Live' : 'Reconnecting…'}
        </p>
      </div>
      <p
        className={`board__headline${soldOut && drop.open ? ' board__headline--done' : ''}`}
        role={drop.open ? undefined : 'timer'}
      >
        {headline}
      </p>
      <p className="visually-hidden" aria-live="polite">
        {milestone}
      </p>
      <dl className="board__stats">
        <div>
          <dt>In stock</dt>
          <dd data-testid="board-stock">{current.stock}</dd>
        </div>
        <div>
          <dt>Units sold</dt>
          <dd>{unitsSold}</dd>
        </div>
        <div>
          <dt>Orders per second</dt>
          <dd>
            {perSecond.toFixed(1)}
            <span className="board__unit"> over the last 10 s</span>
          </dd>
        </div>
        <div>
          <dt>Opening to sold out</dt>
          <dd>{sellOut === null ? '—' : formatDuration(sellOut)}</dd>
        </div>
      </dl>
      {history.length > 1 ? (
        <figure className="board__chart">
          <svg
            viewBox={`0 0 ${CHART.width} ${CHART.height}`}
            preserveAspectRatio="none"
            role="img"
            aria-label={`Stock while you watched: from ${history[0]!.stock} to ${current.stock}`}
          >
            <polyline
              points={chartPoints(history, CHART.width, CHART.height)}
              fill="none"
              stroke="currentColor"
              strokeWidth="2"
              vectorEffect="non-scaling-stroke"
            />
          </svg>
          <figcaption className="muted small">Stock since you opened this board</figcaption>
        </figure>
      ) : (
        <p className="muted small">
          A chart of the stock starts with its first change while you watch.
        </p>
      )}
      <h3>Latest orders</h3>
      {query.isError && !query.data && <AdminError error={query.error} />}
      {orders.length === 0 ? (
        <p className="muted">No orders of this product yet — they appear here as they arrive.</p>
      ) : (
        <ol className="board__orders" aria-label="Latest orders of this product">
          {orders.slice(0, 8).map((order) => (
            <li key={order.id}>
              <Link to={adminPaths.order.build(order.id)}>#{order.number}</Link>
              <span>
                {unitsOf(order, product.id)} × at{' '}
                {timeToTheMillisecond.format(new Date(order.createdAt))}
              </span>
              <AdminOrderStatus order={order} />
            </li>
          ))}
        </ol>
      )}
    </section>
  );
};

/** `/admin/drops`: pick a product and watch it sell, live. */
export const DropBoardPage = () => {
  const [params, setParams] = useSearchParams();
  const products = useAdminProducts({ refetchInterval: 5000 });
  const clock = useServerClock();
  const id = useId();
  if (products.isPending) return <Loading label="Loading products…" />;
  if (products.isError) {
    return <AdminError error={products.error} onRetry={() => void products.refetch()} />;
  }
  const now = clock.now();
  const upcoming = products.data
    .filter((p) => p.saleStartsAt !== null && Date.parse(p.saleStartsAt) > now - 3_600_000)
    .sort((a, b) => Date.parse(a.saleStartsAt!) - Date.parse(b.saleStartsAt!));
  const others = products.data.filter((p) => !upcoming.includes(p));
  const chosen = products.data.find((p) => p.id === params.get('product')) ?? null;

  return (
    <>
      <title>Drop board · Sellout admin</title>
      <h1>Drop board</h1>
      <div className="field">
        <label htmlFor={id}>Product to watch</label>
        <select
          id={id}
          className="select"
          value={chosen?.id ?? ''}
          onChange={(event) => setParams(event.target.value ? { product: event.target.value } : {})}
        >
          <option value="">Choose a product…</option>
          {upcoming.length > 0 && (
            <optgroup label="Drops (this hour and later)">
              {upcoming.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name} — {formatDropTime(p.saleStartsAt!)}
                </option>
              ))}
            </optgroup>
          )}
          <optgroup label="Other products">
            {others.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </optgroup>
        </select>
      </div>
      {chosen ? (
        <DropBoard key={chosen.id} product={chosen} />
      ) : (
        <p className="muted">
          Keep this page open during a sale: stock falls here as it sells, orders arrive as they are
          placed, and it tells you how fast the drop sold out.
        </p>
      )}
    </>
  );
};
