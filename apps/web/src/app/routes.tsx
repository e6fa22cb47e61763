import type { RouteObject } from 'react-router';
import { CartRoute } from '../routes/cart';
import { CheckoutRoute } from '../routes/checkout';
import { HomeRoute } from '../routes/home';
import { NotFoundRoute } from '../routes/not-found';
import { OrderRoute } from '../routes/order';
import { OrdersRoute } from '../routes/orders';
import { ProductRoute } from '../routes/product';
import { Layout } from './layout';
import { paths } from './paths';
import { RouteError } from './route-error';

/** The storefront's routes, shared by the browser router and the tests' memory router. */
export const appRoutes: RouteObject[] = [
  {
    Component: Layout,
    ErrorBoundary: RouteError,
    children: [
      { path: paths.home.pattern, Component: HomeRoute },
      { path: paths.product.pattern, Component: ProductRoute },
      { path: paths.cart.pattern, Component: CartRoute },
      { path: paths.checkout.pattern, Component: CheckoutRoute },
      { path: paths.orders.pattern, Component: OrdersRoute },
      { path: paths.order.pattern, Component: OrderRoute },
      { path: '*', Component: NotFoundRoute },
    ],
  },
];
