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
    outcome: 'fails with a transient gateway error (retried)',
  },
} as const;

export type TestCardToken = keyof typeof TEST_CARDS;

/**
 * A payment gateway that moves no money, used by every topology until a real one is wired:
 * tok_visa approves, tok_declined declines, tok_error is a gateway outage, anything else is an
 * unknown card and declines. `onCharge` sees every attempt, for the log.
 */
export const createSimulatedPaymentGateway = (
  onCharge: (request: ChargeRequest, outcome: ChargeOutcome | 'error') => void = () => {},
): PaymentGateway => ({
  async charge(request) {
    if (request.paymentToken === 'tok_error') {
      onCharge(request, 'error');
      throw new PaymentGatewayUnavailableError(
        'The payment gateway did not answer (test card tok_error).',
      );
    }
    const outcome: ChargeOutcome =
      request.paymentToken === 'tok_visa'
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
});
