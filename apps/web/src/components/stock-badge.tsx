/** Cards and pages tell shoppers about stock once it is this low. */
export const LOW_STOCK = 10;

export const stockLabel = (stock: number): string | null => {
  if (stock <= 0) return 'Sold out';
  if (stock <= LOW_STOCK) return `Only ${stock} left`;
  return null;
};

/**
 * The live stock badge. The wrapper is always rendered so screen readers announce the badge
 * when a live update changes it ("Only 3 left" → "Sold out").
 */
export const StockBadge = ({
  stock,
  showInStock = false,
}: {
  stock: number;
  showInStock?: boolean;
}) => {
  const label = stockLabel(stock);
  return (
    <span className="stock-badge" aria-live="polite">
      {label ? (
        <span className={`badge ${stock <= 0 ? 'badge--sold-out' : 'badge--low'}`}>{label}</span>
      ) : (
        showInStock && <span className="badge badge--ok">In stock · {stock} left</span>
      )}
    </span>
  );
};

export const FlashSaleBadge = ({ maxPerOrder }: { maxPerOrder: number | null }) =>
  maxPerOrder === null ? null : (
    <>
      <span className="badge badge--flash">
        <span aria-hidden="true">⚡ </span>Flash sale
      </span>
      <span className="badge badge--limit">Limit {maxPerOrder} per order</span>
    </>
  );
