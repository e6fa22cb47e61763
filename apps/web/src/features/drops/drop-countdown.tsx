import { useEffect, useRef, useState } from 'react';
import { formatDropTime } from '../../lib/format-date';
import { type DropState, formatCountdown, useDropCountdown } from './use-drop-countdown';

/**
 * The product page's countdown to a drop. The timer is not announced every second (a timer's
 * role is not live); the moment it opens is, once, with the product's name.
 */
export const DropCountdown = ({
  drop,
  saleStartsAt,
  productName,
}: {
  drop: DropState;
  saleStartsAt: string | null;
  productName: string;
}) => {
  const [openedHere, setOpenedHere] = useState(false);
  const wasClosed = useRef(!drop.open);
  useEffect(() => {
    if (!drop.open) wasClosed.current = true;
    else if (wasClosed.current) setOpenedHere(true);
  }, [drop.open]);
  return (
    <>
      {!drop.open && saleStartsAt && (
        <section className="drop" aria-label="Drop countdown">
          <p className="drop__label">Drop opens in</p>
          <p className="drop__timer" role="timer" aria-atomic="true">
            {formatCountdown(drop.msLeft)}
          </p>
          <p className="drop__when small">
            On sale from {formatDropTime(saleStartsAt)}. Add it to your cart now to be ready —
            buying opens here by itself, no need to reload.
          </p>
        </section>
      )}
      <p className="visually-hidden" aria-live="polite">
        {openedHere ? `The drop is open: you can buy ${productName} now.` : ''}
      </p>
    </>
  );
};

/** A cart or checkout line of a product whose drop has not opened yet. */
export const DropNote = ({ saleStartsAt }: { saleStartsAt: string | null | undefined }) => {
  const drop = useDropCountdown(saleStartsAt ?? null);
  if (drop.open || !saleStartsAt) return null;
  return (
    <span className="badge badge--drop">
      Opens in <span role="timer">{formatCountdown(drop.msLeft)}</span> ·{' '}
      {formatDropTime(saleStartsAt)}
    </span>
  );
};
