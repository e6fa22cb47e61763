import type { configSchema } from '@sellout/api/config';
import type { z } from 'zod';

/**
 * A function's environment, keyed by the API's own config schema: a variable the API does not
 * read does not compile (Lambda's NODE_OPTIONS is added apart). Values are strings or CDK
 * tokens; the test parses a resolved one with the schema itself.
 */
export type LambdaEnvironment = {
  [K in keyof z.input<typeof configSchema>]?: string;
};
