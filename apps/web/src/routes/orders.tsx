import { OrderList } from '../features/orders/order-list';

export const OrdersRoute = () => (
  <>
    <title>Your orders · Sellout</title>
    <h1>Your orders</h1>
    <OrderList />
  </>
);
