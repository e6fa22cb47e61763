import type {
  cartItemJsonSchema,
  cartJsonSchema,
  orderJsonSchema,
  orderStatusSchema,
  placeOrderJsonSchema,
  productJsonSchema,
  recommendationsJsonSchema,
  sessionJsonSchema,
} from '@sellout/core/contract/api-responses';
import type { z } from 'zod';

/*
 * The storefront's names for the response bodies of DESIGN §8. The schemas — defined once in
 * core, where the API documents them too — are imported where responses are checked.
 */
export type Product = z.infer<typeof productJsonSchema>;
export type Page<T> = { items: T[]; nextCursor: string | null };
export type CartItem = z.infer<typeof cartItemJsonSchema>;
export type Cart = z.infer<typeof cartJsonSchema>;
export type OrderStatus = z.infer<typeof orderStatusSchema>;
export type Order = z.infer<typeof orderJsonSchema>;
export type PlaceOrderResponse = z.infer<typeof placeOrderJsonSchema>;
export type Session = z.infer<typeof sessionJsonSchema>;
export type Recommendations = z.infer<typeof recommendationsJsonSchema>;
