import './admin.css';
import { Suspense, useState } from 'react';
import { Route, Routes } from 'react-router';
import { Loading } from '../components/loading';
import { AdminLayout } from './admin-layout';
import { adminPaths } from './admin-paths';
import { DropBoardPage } from './drops/drop-board-page';
import { OrderPage } from './orders/order-page';
import { OrdersPage } from './orders/orders-page';
import { AdminNotFound, EditProductPage, NewProductPage } from './products/product-pages';
import { ProductsPage } from './products/products-page';
import { AdminSessionProvider, useAdmin } from './session/admin-context';
import { createAdminSessionStore, tabStorage } from './session/admin-session';
import { SignIn } from './session/sign-in';

const SignedIn = () => {
  const admin = useAdmin();
  if (!admin.token) return <SignIn />;
  return (
    <Suspense fallback={<Loading label="Loading…" />}>
      <Routes>
        <Route element={<AdminLayout />}>
          <Route index element={<ProductsPage />} />
          <Route path={adminPaths.newProduct.pattern} element={<NewProductPage />} />
          <Route path={adminPaths.product.pattern} element={<EditProductPage />} />
          <Route path={adminPaths.orders.pattern} element={<OrdersPage />} />
          <Route path={adminPaths.order.pattern} element={<OrderPage />} />
          <Route path={adminPaths.drops.pattern} element={<DropBoardPage />} />
          <Route path="*" element={<AdminNotFound />} />
        </Route>
      </Routes>
    </Suspense>
  );
};

/**
 * The shop owner's console at `/admin`: one lazily loaded chunk, never part of a shopper's
 * first load (`build/first-load.test.ts`). Mounted under the storefront's router and providers,
 * so it shares the API client, the query cache and the live socket.
 */
export const AdminApp = ({ storage = tabStorage() }: { storage?: Storage | null }) => {
  const [store] = useState(() => createAdminSessionStore(storage));
  return (
    <AdminSessionProvider store={store}>
      <SignedIn />
    </AdminSessionProvider>
  );
};
