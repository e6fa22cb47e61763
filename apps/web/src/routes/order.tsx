import { useParams } from 'react-router';
import { useLiveStatus } from '../features/live/live-provider';
import { OrderDetails } from '../features/orders/order-details';

export const OrderRoute = () => {
  const { orderId = '' } = useParams();
  // Live updates move the order on; without them, poll.
  const live = useLiveStatus();
  return <OrderDetails orderId={orderId} poll={live !== 'open'} />;
};
