/** Cards and pages tell shoppers about stock once it is this low. */
export const LOW_STOCK = 10;

export const stockLabel = (stock: number): string | null => {
  if (stock <= 0) return 'Sold out';
  if (stock <= LOW_STOCK) return `Only ${stock} left`;
  return null;
};

/**
 * The stock badge as it looks, patched in place by live updates. It is not a live region: a
 * page of cards would announce every sale of every product, without saying which product.
 */
export const StockBadge = ({
  stock,
  showInStock = false,
}: {
  stock: number;
  showInStock?: boolean;
}) => {
  const label = stockLabel(stock);
  if (label) {
    return (
      <span className={`badge ${stock <= 0 ? 'badge--sold-out' : 'badge--low'}`}>{label}</span>
    );
  }
  return showInStock ? <span className="badge badge--ok">In stock · {stock} left</span> : null;
};

/** What a screen reader says about one product's stock, e.g. "Retro High OG: only 3 left". */
export const spokenStock = (productName: string, stock: number) => {
  const label = stockLabel(stock);
  const state = label ? label.charAt(0).toLowerCase() + label.slice(1) : `in stock, ${stock} left`;
  return `${productName}: ${state}`;
};

/**
 * The product page's stock: the badge for the eye, and for screen readers one live region that
 * names the product, so a change ("only 3 left" → "sold out") is announced with what it is about.
 * The badge is hidden from them, or the stock would be read twice.
 */
export const LiveStockBadge = ({ productName, stock }: { productName: string; stock: number }) => (
  <>
    <span className="stock-badge" aria-hidden="true">
      <StockBadge stock={stock} showInStock />
    </span>
    <span className="visually-hidden" aria-live="polite" aria-atomic="true">
      {spokenStock(productName, stock)}
    </span>
  </>
);

export const FlashSaleBadge = ({ maxPerOrder }: { maxPerOrder: number | null }) =>
  maxPerOrder === null ? null : (
    <>
      <span className="badge badge--flash">
        <span aria-hidden="true">⚡ </span>Flash sale
      </span>
      <span className="badge badge--limit">Limit {maxPerOrder} per order</span>
    </>
  );
