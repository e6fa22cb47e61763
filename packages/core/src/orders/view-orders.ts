import { type CursorPage, type PageRequest, toCursorPage } from '../shared/pagination';
import { err, ok, type Result } from '../shared/result';
import { normaliseEmail, type Order, type OrderStatus } from './order';
import type { Orders } from './orders-port';

export const orderNotFound = (id: string) =>
  err<never>('NOT_FOUND', `No order with id ${id}.`, { orderId: id });

/** A shopper's own order. Someone else's is "not found", so order ids reveal nothing. */
export const getOwnOrder = async (
  deps: { orders: Orders },
  userId: string,
  orderId: string,
): Promise<Result<Order>> => {
  const order = await deps.orders.get(orderId);
  return order && order.userId === userId ? ok(order) : orderNotFound(orderId);
};

export const listOwnOrders = async (
  deps: { orders: Orders },
  userId: string,
  page: PageRequest,
): Promise<CursorPage<Order>> => toCursorPage(await deps.orders.listByUser(userId, page));

/** What the shop's owner looks orders up by; a number or an email narrows to that search. */
export type OrderSearch = {
  status: OrderStatus | null;
  number?: string | null;
  email?: string | null;
};

/** Every order, newest first, or the ones one search finds (a number, one customer's email). */
export const listAllOrders = async (
  deps: { orders: Orders },
  query: PageRequest & OrderSearch,
): Promise<CursorPage<Order>> => {
  const { status, after, limit } = query;
  if (query.number) {
    const order = await deps.orders.findByNumber(query.number);
    const found =
      order && (status === null || order.status === status) && (after === null || order.id < after);
    return { items: found ? [order] : [], nextCursor: null };
  }
  if (query.email) {
    const email = normaliseEmail(query.email);
    return toCursorPage(await deps.orders.listByEmail({ email, status, after, limit }));
  }
  return toCursorPage(await deps.orders.listAll({ status, after, limit }));
};

/** Any order, for the shop's owner. */
export const getOrderForShop = async (
  deps: { orders: Orders },
  orderId: string,
): Promise<Result<Order>> => {
  const order = await deps.orders.get(orderId);
  return order ? ok(order) : orderNotFound(orderId);
};
