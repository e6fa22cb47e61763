import type { LiveEvent } from './live-updates-port';

/**
 * The JSON a live client receives for an event (DESIGN §7), whichever runtime sends it (the
 * in-process socket, API Gateway): an order message leaves the owner's user id out, since it
 * only ever reaches the owner.
 */
export const liveMessageOf = (event: LiveEvent): string =>
  event.type === 'order'
    ? JSON.stringify({ type: 'order', orderId: event.orderId, status: event.status })
    : JSON.stringify(event);

/** The answer to a client's `{"type":"ping"}` (browsers cannot send protocol pings). */
export const PONG_MESSAGE = JSON.stringify({ type: 'pong' });
