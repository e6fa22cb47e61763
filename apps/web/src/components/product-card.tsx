import { formatMoney } from '@sellout/core/shared/money';
import { Link } from 'react-router';
import type { Product } from '../api/response-types';
import { paths } from '../app/paths';
import { formatDropTime } from '../lib/format-date';
import { FlashSaleBadge, StockBadge } from './stock-badge';

export const ProductCard = ({ product }: { product: Product }) => (
  <article className={`card${product.stock <= 0 ? ' card--sold-out' : ''}`}>
    <img
      className="card__image"
      src={product.imageUrl}
      alt={product.name}
      width={400}
      height={400}
      loading="lazy"
      decoding="async"
    />
    <div className="card__body">
      <h3 className="card__title">
        {/* The link stretches over the whole card (CSS), so the card is one tab stop. */}
        <Link className="card__link" to={paths.product.build(product.id)}>
          {product.name}
        </Link>
      </h3>
      <p className="card__price">{formatMoney(product.priceCents, product.currency)}</p>
      <div className="card__badges">
        <FlashSaleBadge maxPerOrder={product.maxPerOrder} />
        <StockBadge stock={product.stock} />
        {/* The device's clock is good enough for a hint; the product page counts on the shop's. */}
        {product.saleStartsAt && Date.parse(product.saleStartsAt) > Date.now() && (
          <span className="badge badge--drop">Drop · {formatDropTime(product.saleStartsAt)}</span>
        )}
      </div>
    </div>
  </article>
);
