import { useEffect, useState } from 'react';
import { ErrorMessage } from '../../components/error-message';
import { InvoicePanel } from '../../components/invoice-panel';
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
  const [fileUrl, setFileUrl] = useState<string | null>(null);

  useEffect(() => {
    if (invoice.data === undefined) return;
    const url = URL.createObjectURL(new Blob([invoice.data], { type: 'text/plain;charset=utf-8' }));
    setFileUrl(url);
    return () => URL.revokeObjectURL(url);
  }, [invoice.data]);

  return (
    <InvoicePanel
      open={open}
      onToggle={() => setOpen((was) => !was)}
      invoice={invoice}
      orderNumber={orderNumber}
      loadingLabel="Loading invoice…"
      error={<ErrorMessage error={invoice.error} onRetry={() => void invoice.refetch()} />}
    >
      {fileUrl && (
        <a className="button button--link" href={fileUrl} download={`invoice-${orderId}.txt`}>
          Download invoice (.txt)
        </a>
      )}
    </InvoicePanel>
  );
};
