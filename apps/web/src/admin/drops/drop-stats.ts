import type { Order } from '../../api/response-types';

/** One reading of a product's stock on the board, at server time `at` (epoch ms). */
export type StockPoint = { at: number; stock: number };

/** The window "orders per second" is averaged over. */
export const RATE_WINDOW_MS = 10_000;

const unitsOf = (order: Order, productId: string) =>
  order.lines
    .filter((line) => line.productId === productId)
    .reduce((sum, line) => sum + line.quantity, 0);

/** The orders with at least one unit of the product, newest first. */
export const ordersOf = (orders: Iterable<Order>, productId: string) =>
  [...orders]
    .filter((order) => unitsOf(order, productId) > 0)
    .sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0));

/** Orders per second over the last RATE_WINDOW_MS before `now` (cancelled ones included). */
export const ordersPerSecond = (orders: readonly Order[], now: number) =>
  orders.filter((order) => {
    const at = Date.parse(order.createdAt);
    return at <= now && at > now - RATE_WINDOW_MS;
  }).length /
  (RATE_WINDOW_MS / 1000);

/**
 * From the drop's opening to the order that took the last unit: the newest order of a sold-out
 * product (times from the server, so the device's clock and the page's delay play no part).
 * Null while units are left, or when the product had no drop time.
 */
export const timeToSellOut = (
  saleStartsAt: string | null,
  stock: number,
  orders: readonly Order[],
): number | null => {
  if (stock > 0 || saleStartsAt === null) return null;
  const last = orders.find((order) => order.status !== 'CANCELLED');
  if (!last) return null;
  return Math.max(0, Date.parse(last.createdAt) - Date.parse(saleStartsAt));
};

/** `40 ms`, `4.2 s`, `2 min 03 s`, `1 h 02 min`. */
export const formatDuration = (ms: number) => {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(Math.floor(ms / 100) / 10).toFixed(1)} s`;
  const seconds = Math.floor(ms / 1000);
  if (seconds < 3600)
    return `${Math.floor(seconds / 60)} min ${String(seconds % 60).padStart(2, '0')} s`;
  return `${Math.floor(seconds / 3600)} h ${String(Math.floor((seconds % 3600) / 60)).padStart(2, '0')} min`;
};

/** The stock line of the chart, as SVG points in a `width` × `height` box. */
export const chartPoints = (points: readonly StockPoint[], width: number, height: number) => {
  if (points.length === 0) return '';
  const first = points[0]!.at;
  const span = Math.max(1, points.at(-1)!.at - first);
  const top = Math.max(1, ...points.map((p) => p.stock));
  return points
    .map((p) => {
      const x = ((p.at - first) / span) * width;
      const y = height - (p.stock / top) * height;
      return `${x.toFixed(1)},${y.toFixed(1)}`;
    })
    .join(' ');
};

export { unitsOf };
