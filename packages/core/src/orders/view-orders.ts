import { type CursorPage, type PageRequest, toCursorPage } from '../shared/pagination';
import { err, ok, type Result } from '../shared/result';
import type { Order, OrderStatus } from './order';
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

export const listAllOrders = async (
  deps: { orders: Orders },
  query: PageRequest & { status: OrderStatus | null },
): Promise<CursorPage<Order>> => toCursorPage(await deps.orders.listAll(query));
