import { useEffect, useId, useState } from 'react';
import { ErrorMessage } from '../../components/error-message';
import { Loading } from '../../components/loading';
import { useInvoice } from './get-invoice';

/** A "View invoice" button that shows the invoice in place, with a link to save it. */
export const InvoiceViewer = ({
  orderId,
  orderNumber,
  invoiceUrl,
}: {
  orderId: string;
  orderNumber: string;
  invoiceUrl: string;
}) => {
  const [open, setOpen] = useState(false);
  const invoice = useInvoice(orderId, invoiceUrl, { enabled: open });
  const panelId = useId();
  const [fileUrl, setFileUrl] = useState<string | null>(null);

  useEffect(() => {
    if (invoice.data === undefined) return;
    const url = URL.createObjectURL(new Blob([invoice.data], { type: 'text/plain;charset=utf-8' }));
    setFileUrl(url);
    return () => URL.revokeObjectURL(url);
  }, [invoice.data]);

  return (
    <div className="invoice">
      <button
        type="button"
        className="button button--secondary button--small"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((was) => !was)}
      >
        {open ? 'Hide invoice' : 'View invoice'}
      </button>
      <div id={panelId} hidden={!open} className="invoice__panel">
        {open && invoice.isPending && <Loading label="Loading invoice…" />}
        {open && invoice.isError && (
          <ErrorMessage error={invoice.error} onRetry={() => void invoice.refetch()} />
        )}
        {invoice.data !== undefined && (
          <>
            <figure className="invoice__figure" aria-label={`Invoice for order #${orderNumber}`}>
              <pre className="invoice__text">{invoice.data}</pre>
            </figure>
            {fileUrl && (
              <a className="button button--link" href={fileUrl} download={`invoice-${orderId}.txt`}>
                Download invoice (.txt)
              </a>
            )}
          </>
        )}
      </div>
    </div>
  );
};
