import { type ReactNode, useId } from 'react';
import { Loading } from './loading';

type InvoiceText = { data: string | undefined; isPending: boolean; isError: boolean };

/**
 * The "View invoice" toggle and the panel it opens, shared by the storefront and the admin
 * console. The caller owns `open` because it also decides when the invoice is fetched.
 */
export const InvoicePanel = ({
  open,
  onToggle,
  invoice,
  orderNumber,
  loadingLabel,
  error,
  children,
}: {
  open: boolean;
  onToggle: () => void;
  invoice: InvoiceText;
  orderNumber: string;
  loadingLabel: string;
  /** How this side shows a failed fetch. */
  error: ReactNode;
  /** Shown under the invoice once it has loaded. */
  children?: ReactNode;
}) => {
  const panelId = useId();
  return (
    <div className="invoice">
      <button
        type="button"
        className="button button--secondary button--small"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={onToggle}
      >
        {open ? 'Hide invoice' : 'View invoice'}
      </button>
      <div id={panelId} hidden={!open} className="invoice__panel">
        {open && invoice.isPending && <Loading label={loadingLabel} />}
        {open && invoice.isError && error}
        {invoice.data !== undefined && (
          <>
            <figure className="invoice__figure" aria-label={`Invoice for order #${orderNumber}`}>
              <pre className="invoice__text">{invoice.data}</pre>
            </figure>
            {children}
          </>
        )}
      </div>
    </div>
  );
};
