import { formatMoney } from '@sellout/core/shared/money';
import { OrderTotals } from '../../components/order-totals';
import { DropNote } from '../drops/drop-countdown';

export type SummaryLine = {
  productId: string;
  name: string;
  quantity: number;
  totalCents: number;
  /** Set while the product's drop has not opened: the order is refused until it does. */
  saleStartsAt?: string | null;
};

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
            {line.saleStartsAt && (
              <>
                {' '}
                <DropNote saleStartsAt={line.saleStartsAt} />
              </>
            )}
          </span>
          <span>{formatMoney(line.totalCents, currency)}</span>
        </li>
      ))}
    </ul>
    <OrderTotals totalCents={totalCents} currency={currency} />
    {children}
  </aside>
);
