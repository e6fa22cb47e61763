import { formatMoney } from '@sellout/core/shared/money';

export type SummaryLine = { productId: string; name: string; quantity: number; totalCents: number };

/** What is about to be bought, beside the form. */
export const OrderSummary = ({
  lines,
  totalCents,
  currency,
  children,
}: {
  lines: readonly SummaryLine[];
  totalCents: number;
  currency: string;
  children?: React.ReactNode;
}) => (
  <aside className="summary" aria-labelledby="order-summary-heading">
    <h2 id="order-summary-heading">Your order</h2>
    <ul className="summary__lines">
      {lines.map((line) => (
        <li key={line.productId}>
          <span>
            {line.quantity} × {line.name}
          </span>
          <span>{formatMoney(line.totalCents, currency)}</span>
        </li>
      ))}
    </ul>
    <dl className="totals">
      <div>
        <dt>Shipping</dt>
        <dd>Free</dd>
      </div>
      <div className="totals__grand">
        <dt>Total</dt>
        <dd aria-live="polite">{formatMoney(totalCents, currency)}</dd>
      </div>
    </dl>
    {children}
  </aside>
);
