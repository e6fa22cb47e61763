import type * as Contract from '@sellout/core/contract/api-responses';

/** The response shapes of the API (DESIGN §8), as core defines them for the API and the shop. */
export type ResponseSchemas = typeof Contract;

let loading: Promise<ResponseSchemas> | null = null;

/**
 * The schemas that check every answer, loaded beside the first API call rather than before the
 * first paint: with zod they weigh about as much as the rest of the shop's first load
 * (ADR 32). Answers are still checked, all of them — a call waits for whichever of the answer
 * and the schemas comes last. A failed load is tried again on the next call.
 */
export const responseSchemas = (): Promise<ResponseSchemas> => {
  loading ??= import('@sellout/core/contract/api-responses').catch((error: unknown) => {
    loading = null;
    throw error;
  });
  return loading;
};
