import { z } from 'zod';
import { orderStatusSchema } from '../../api/schemas';

/** Server → client messages of /api/live (DESIGN §7), checked on arrival. */
export const liveMessageSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('stock'),
    productId: z.string(),
    stock: z.number().int().min(0),
    version: z.number().int(),
  }),
  z.object({ type: z.literal('order'), orderId: z.string(), status: orderStatusSchema }),
  z.object({ type: z.literal('pong') }),
]);
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
