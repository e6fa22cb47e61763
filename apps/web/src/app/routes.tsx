import { type ComponentType, lazy, Suspense } from 'react';
import { Route, Routes } from 'react-router';
import { Loading } from '../components/loading';
import { Layout } from './layout';
import { paths } from './paths';
import { RouteError } from './route-error';

/**
 * Each page is its own chunk, fetched when it is first shown: a shopper's first visit loads the
 * shop's frame and the page it lands on, not the checkout form and the order pages too. The
 * admin console (`src/admin/`) is one more lazy route with a frame of its own, never part of
 * that first load (`build/first-load.test.ts` fails the build's check if it is).
 */
const page = <Name extends string>(load: () => Promise<Record<Name, ComponentType>>, name: Name) =>
  lazy(() => load().then((module) => ({ default: module[name] })));

const HomeRoute = page(() => import('../routes/home'), 'HomeRoute');
const ProductRoute = page(() => import('../routes/product'), 'ProductRoute');
const CartRoute = page(() => import('../routes/cart'), 'CartRoute');
const CheckoutRoute = page(() => import('../routes/checkout'), 'CheckoutRoute');
const OrdersRoute = page(() => import('../routes/orders'), 'OrdersRoute');
const OrderRoute = page(() => import('../routes/order'), 'OrderRoute');
const NotFoundRoute = page(() => import('../routes/not-found'), 'NotFoundRoute');
const AdminApp = page(() => import('../admin/admin-app'), 'AdminApp');

const PAGES = [
  [paths.home.pattern, HomeRoute],
  [paths.product.pattern, ProductRoute],
  [paths.cart.pattern, CartRoute],
  [paths.checkout.pattern, CheckoutRoute],
  [paths.orders.pattern, OrdersRoute],
  [paths.order.pattern, OrderRoute],
  ['*', NotFoundRoute],
] as const;

/** The storefront's routes, shared by the browser router and the tests' memory router. */
export const AppRoutes = () => (
  <Routes>
    <Route
      path="/admin/*"
      element={
        <RouteError>
          <Suspense fallback={<Loading label="Loading the shop admin…" />}>
            <AdminApp />
          </Suspense>
        </RouteError>
      }
    />
    <Route element={<Layout />}>
      {PAGES.map(([path, Page]) => (
        <Route
          key={path}
          path={path}
          element={
            <RouteError>
              <Suspense fallback={<Loading label="Loading the page…" />}>
                <Page />
              </Suspense>
            </RouteError>
          }
        />
      ))}
    </Route>
  </Routes>
);
