import { formatMoney } from '@sellout/core/shared/money';
import type { ReactNode } from 'react';

/** The totals list of a cart or checkout summary: optional rows first, then shipping and total. */
export const OrderTotals = ({
  totalCents,
  currency,
  children,
}: {
  totalCents: number;
  currency: string;
  children?: ReactNode;
}) => (
  <dl className="totals">
    {children}
    <div>
      <dt>Shipping</dt>
      <dd>Free</dd>
    </div>
    <div className="totals__grand">
      <dt>Total</dt>
      <dd aria-live="polite">{formatMoney(totalCents, currency)}</dd>
    </div>
  </dl>
);
