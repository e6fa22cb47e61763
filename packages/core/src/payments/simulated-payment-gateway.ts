import type { ChargeOutcome, ChargeRequest, PaymentGateway } from './payment-gateway-port';
import { PaymentGatewayUnavailableError } from './payment-gateway-port';

/**
 * The test cards of the simulated gateway (DESIGN §5): what each does, and the short label the
 * storefront's demo card picker shows for it. Plain data, so the browser can import it.
 */
export const TEST_CARDS = {
  tok_visa: { label: 'Approves', outcome: 'approves' },
  tok_declined: { label: 'Declines', outcome: 'declines' },
  tok_error: {
    label: 'Gateway error',
    outcome: 'fails with a transient gateway error (retried until the order is stuck)',
  },
} as const;

export type TestCardToken = keyof typeof TEST_CARDS;

/**
 * A payment gateway that moves no money, used by every topology until a real one is wired:
 * tok_visa approves, tok_declined declines, tok_error is a gateway outage, anything else is an
 * unknown card and declines. `onCharge` sees every attempt, for the log.
 *
 * An outage ends: a tok_error order's first `outageCharges` charges fail (counted in this
 * process's memory), later ones approve. Wired with the worker's attempts per order, the
 * outage outlasts the automatic retries, the order gets stuck, and the owner's retry goes
 * through — the demo of a stuck order that an admin rescues.
 */
export const createSimulatedPaymentGateway = (
  onCharge: (request: ChargeRequest, outcome: ChargeOutcome | 'error') => void = () => {},
  options: { outageCharges?: number } = {},
): PaymentGateway => {
  const outageCharges = options.outageCharges ?? Number.POSITIVE_INFINITY;
  const failedCharges = new Map<string, number>();
  return {
    async charge(request) {
      const failed = failedCharges.get(request.orderId) ?? 0;
      if (request.paymentToken === 'tok_error' && failed < outageCharges) {
        failedCharges.set(request.orderId, failed + 1);
        onCharge(request, 'error');
        throw new PaymentGatewayUnavailableError(
          'The payment gateway did not answer (test card tok_error).',
        );
      }
      // Once the outage is over, a tok_error card is a good card, and stays one on a retry.
      const outcome: ChargeOutcome =
        request.paymentToken === 'tok_visa' || request.paymentToken === 'tok_error'
          ? { kind: 'approved', chargeId: `ch_${request.idempotencyKey}` }
          : {
              kind: 'declined',
              reason:
                request.paymentToken === 'tok_declined'
                  ? 'Your card was declined.'
                  : 'Your card was declined: the card is not one this shop accepts.',
            };
      onCharge(request, outcome);
      return outcome;
    },
  };
};
