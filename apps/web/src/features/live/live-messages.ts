import type { liveMessageSchema } from '@sellout/core/contract/api-responses';
import type { z } from 'zod';
import type { ResponseSchemas } from '../../api/response-schemas';

/** Server → client messages of /api/live (DESIGN §7), as core defines them. */
export type LiveMessage = z.infer<typeof liveMessageSchema>;
export type StockMessage = Extract<LiveMessage, { type: 'stock' }>;
export type OrderMessage = Extract<LiveMessage, { type: 'order' }>;
export type ProductMessage = Extract<LiveMessage, { type: 'product' }>;

export type LiveMessageParser = (data: unknown) => LiveMessage | null;

/**
 * Reads a message we understand, or null for anything else (a newer server may send more
 * types). Takes the schemas as they are loaded (`api/response-schemas.ts`), off the first load.
 */
export const liveMessageParser =
  (schemas: Pick<ResponseSchemas, 'liveMessageSchema'>): LiveMessageParser =>
  (data) => {
    if (typeof data !== 'string') return null;
    try {
      const parsed = schemas.liveMessageSchema.safeParse(JSON.parse(data));
      return parsed.success ? parsed.data : null;
    } catch {
      return null;
    }
  };
