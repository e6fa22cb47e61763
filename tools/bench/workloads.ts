import { randomBytes } from 'node:crypto';
import { aShippingAddress } from '@sellout/core/testing/builders';
import type { Workload } from './protocol';

/** One request as the generator writes it, whatever drives it (autocannon or the open model). */
export type OutgoingRequest = {
  method: 'GET' | 'POST';
  path: string;
  headers: Record<string, string>;
  body?: string;
};

/** What a workload hears back: every 201 checkout's order id, for the invariant check. */
export type AnswerLog = { acknowledged: string[] };

/** One request after another, and what to note from each answer. */
export type RequestSource = {
  next(): OutgoingRequest;
  onAnswer(status: number, body: string): void;
};

const json = { 'content-type': 'application/json' };
const bearer = (token: string) => ({ ...json, authorization: `Bearer ${token}` });

// Cheaper than JSON.parse on the generator's hot path; the answer's shape is the API contract.
const ORDER_ID = /"orderId":"([^"]+)"/;
export const orderIdIn = (body: string) => ORDER_ID.exec(body)?.[1];

/** Idempotency keys unique across phases and generator runs. */
export const idempotencyKeys = () => {
  const prefix = `bench-${randomBytes(6).toString('hex')}`;
  let n = 0;
  return () => `${prefix}-${n++}`;
};

export const checkoutFields = () => ({
  email: 'buyer@example.com',
  shipping: aShippingAddress(),
});

const pick = <T>(items: readonly T[]) => items[Math.floor(Math.random() * items.length)]!;

/** The request source of every single-request workload (the buyer flow is a chain; see below). */
export const requestSource = (workload: Workload, log: AnswerLog): RequestSource => {
  let n = 0;
  const noted = (status: number, body: string) => {
    if (status !== 201) return;
    const orderId = orderIdIn(body);
    if (orderId) log.acknowledged.push(orderId);
  };
  const ignored = () => {};
  switch (workload.kind) {
    case 'get': {
      const { paths } = workload;
      return {
        next: () => ({ method: 'GET', path: paths[n++ % paths.length]!, headers: {} }),
        onAnswer: ignored,
      };
    }
    case 'post-json': {
      const body = JSON.stringify(workload.body);
      return {
        next: () => ({ method: 'POST', path: workload.path, headers: json, body }),
        onAnswer: ignored,
      };
    }
    case 'add-to-cart': {
      const { tokens, productIds } = workload;
      // Shopper by shopper, then product by product: each cart grows line by line and no line
      // nears the 99-unit or 48-line limits in a run (tokens × products adds before a repeat).
      return {
        next: () => {
          const i = n++;
          return {
            method: 'POST',
            path: '/api/cart',
            headers: bearer(tokens[i % tokens.length]!),
            body: JSON.stringify({
              productId: productIds[Math.floor(i / tokens.length) % productIds.length],
              quantity: 1,
            }),
          };
        },
        onAnswer: ignored,
      };
    }
    case 'buy-now': {
      const { tokens, productIds } = workload;
      const key = idempotencyKeys();
      const fields = checkoutFields();
      return {
        next: () => ({
          method: 'POST',
          path: '/api/checkout',
          headers: { ...bearer(tokens[n++ % tokens.length]!), 'idempotency-key': key() },
          body: JSON.stringify({ productId: pick(productIds), quantity: 1, ...fields }),
        }),
        onAnswer: noted,
      };
    }
    case 'buyer-flow':
      throw new Error('the buyer flow is a chain of requests, see buyerFlow()');
  }
};

/** A buyer flow's steps as a chain; `context` carries one buyer from step to step. */
export type FlowStep = {
  request(context: FlowContext): OutgoingRequest | null;
  onAnswer(status: number, body: string, context: FlowContext): void;
};
export type FlowContext = { startedAt?: number; token?: string };

/**
 * A new shopper's whole purchase: a session, one product into the cart, the cart checked out.
 * A step whose predecessor failed answers null, which restarts the chain with a new buyer.
 */
export const buyerFlow = (
  productIds: readonly string[],
  log: AnswerLog & { flowMs: number[] },
): FlowStep[] => {
  const key = idempotencyKeys();
  const order = JSON.stringify(checkoutFields());
  return [
    {
      request: (context) => {
        context.startedAt = performance.now();
        context.token = undefined;
        return { method: 'POST', path: '/api/session', headers: {} };
      },
      onAnswer: (status, body, context) => {
        if (status === 201) context.token = (JSON.parse(body) as { token: string }).token;
      },
    },
    {
      request: (context) =>
        context.token
          ? {
              method: 'POST',
              path: '/api/cart',
              headers: bearer(context.token),
              body: JSON.stringify({ productId: pick(productIds), quantity: 1 }),
            }
          : null,
      onAnswer: (status, _body, context) => {
        if (status !== 200) context.token = undefined;
      },
    },
    {
      request: (context) =>
        context.token
          ? {
              method: 'POST',
              path: '/api/orders',
              headers: { ...bearer(context.token), 'idempotency-key': key() },
              body: order,
            }
          : null,
      onAnswer: (status, body, context) => {
        if (status !== 201 || context.startedAt === undefined) return;
        const orderId = orderIdIn(body);
        if (orderId) log.acknowledged.push(orderId);
        log.flowMs.push(performance.now() - context.startedAt);
      },
    },
  ];
};
