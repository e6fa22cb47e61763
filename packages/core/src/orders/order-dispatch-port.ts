/**
 * Hands an order to the worker again: the admin's retry of a stuck order, or a sweeper that
 * found an order whose message may have been lost. The first message of every order comes from
 * the store itself (the local outbox row, or the DynamoDB stream), never from here, so an order
 * can never be committed without one.
 */
export type OrderDispatch = { resend(orderId: string): Promise<void> };
