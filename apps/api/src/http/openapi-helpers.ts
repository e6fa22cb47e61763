import type { z } from '@hono/zod-openapi';
import { errorJsonSchema } from '@sellout/core/contract/api-responses';

/*
 * Helpers to declare request bodies and responses of routes. The response shapes themselves are
 * defined once, in core (`contract/api-responses.ts`), and shared with the storefront; their zod
 * `meta({ id })` names them in the OpenAPI document.
 */

export const json = <T extends z.ZodType>(schema: T, description: string) => ({
  content: { 'application/json': { schema } },
  description,
});

export const jsonBody = <T extends z.ZodType>(schema: T) => ({
  body: { content: { 'application/json': { schema } }, required: true },
});

/** Every route documents its error answers as the default response. */
export const errorResponses = (...codes: string[]) => ({
  default: json(errorJsonSchema, `An error: ${codes.join(', ')} (see the error table).`),
});
