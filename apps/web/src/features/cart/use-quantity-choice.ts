import { useEffect, useRef, useState } from 'react';
import type { CartItem } from '../../api/response-types';
import { useSetCartQuantity } from './set-cart-quantity';

/** How long a quantity choice must stand before it is sent. */
export const QUANTITY_SETTLE_MS = 400;

/**
 * The line's quantity as the shopper is choosing it, sent once the choice settles. Arrowing
 * through a closed <select> (Windows, Firefox) fires a change per key press; sending each would
 * be a PUT per step, so a choice is sent after a short pause (or when the select loses focus),
 * and only the last one.
 */
export const useQuantityChoice = (item: CartItem) => {
  const setQuantity = useSetCartQuantity();
  // The choice not yet confirmed by the cart the server sent back; null shows the cart's own.
  const [choice, setChoice] = useState<number | null>(null);
  const waiting = useRef<{ timer: ReturnType<typeof setTimeout>; send: () => void } | null>(null);

  const send = (quantity: number) => {
    waiting.current = null;
    setQuantity.mutate(
      { productId: item.productId, quantity },
      // Only the latest send reports back; an older answer leaves a newer choice alone.
      { onSettled: () => setChoice((current) => (current === quantity ? null : current)) },
    );
  };

  const cancel = () => {
    if (waiting.current) clearTimeout(waiting.current.timer);
    waiting.current = null;
  };

  const choose = (quantity: number) => {
    cancel();
    setChoice(quantity);
    const timer = setTimeout(() => send(quantity), QUANTITY_SETTLE_MS);
    waiting.current = { timer, send: () => send(quantity) };
  };

  /** Sends the waiting choice now: the shopper has moved on. */
  const flush = () => {
    const pending = waiting.current;
    if (!pending) return;
    clearTimeout(pending.timer);
    pending.send();
  };

  // Leaving the page before the pause ends still saves the choice.
  const flushOnLeave = useRef(flush);
  flushOnLeave.current = flush;
  useEffect(() => () => flushOnLeave.current(), []);

  return {
    value: choice ?? item.quantity,
    choose,
    flush,
    cancel,
    isSending: setQuantity.isPending,
    error: setQuantity.error,
  };
};
