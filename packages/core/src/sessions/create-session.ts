import type { Ids } from '../shared/system';

/**
 * A guest shopper. There is no sign-up: the user exists as soon as its id is issued, and the
 * signed token that carries the id is the only credential (see apps/api session tokens).
 */
export const createGuestUser = (deps: { ids: Ids }): { userId: string } => ({
  userId: deps.ids.newId('u'),
});
