import { liveMessageSchema } from '@sellout/core/contract/api-responses';
import type { z } from 'zod';

/** Server → client messages of /api/live (DESIGN §7), as core defines them. */
export type LiveMessage = z.infer<typeof liveMessageSchema>;
export type StockMessage = Extract<LiveMessage, { type: 'stock' }>;
export type OrderMessage = Extract<LiveMessage, { type: 'order' }>;

/** A message we understand, or null for anything else (a newer server may send more types). */
export const parseLiveMessage = (data: unknown): LiveMessage | null => {
  if (typeof data !== 'string') return null;
  try {
    const parsed = liveMessageSchema.safeParse(JSON.parse(data));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
};
