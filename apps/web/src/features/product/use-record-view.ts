import { useEffect, useRef } from 'react';
import { useRecordEvent } from '../recommendations/record-event';

/** Records one `product-view` per visit of a product page (not per render or re-mount). */
export const useRecordView = (productId: string | undefined) => {
  const { mutate } = useRecordEvent();
  const recorded = useRef<string | null>(null);
  useEffect(() => {
    if (!productId || recorded.current === productId) return;
    recorded.current = productId;
    mutate({ productId, eventType: 'product-view' });
  }, [productId, mutate]);
};
