export type ChargeRequest = {
  orderId: string;
  amountCents: number;
  currency: string;
  paymentToken: string;
  /** The gateway charges one key at most once, so a retried worker never charges twice. */
  idempotencyKey: string;
};

export type ChargeOutcome =
  | { kind: 'approved'; chargeId: string }
  | { kind: 'declined'; reason: string };

/**
 * Takes the money. Declines are outcomes; a gateway that cannot answer now throws
 * PaymentGatewayUnavailableError, and the order is retried later.
 */
export type PaymentGateway = { charge(request: ChargeRequest): Promise<ChargeOutcome> };

export class PaymentGatewayUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PaymentGatewayUnavailableError';
  }
}
