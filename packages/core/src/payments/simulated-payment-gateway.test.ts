import { describe, expect, it } from 'vitest';
import {
  type ChargeOutcome,
  type ChargeRequest,
  PaymentGatewayUnavailableError,
} from './payment-gateway-port';
import { createSimulatedPaymentGateway } from './simulated-payment-gateway';

const request = (paymentToken: string, idempotencyKey = 'o_0000000001'): ChargeRequest => ({
  orderId: 'o_0000000001',
  amountCents: 4900,
  currency: 'USD',
  paymentToken,
  idempotencyKey,
});

describe('simulated payment gateway', () => {
  it('approves tok_visa with a charge id derived from the idempotency key', async () => {
    const gateway = createSimulatedPaymentGateway();
    expect(await gateway.charge(request('tok_visa', 'o_42.payment'))).toEqual({
      kind: 'approved',
      chargeId: 'ch_o_42.payment',
    });
  });

  it('gives a retried charge the same charge id, so it is one charge', async () => {
    const gateway = createSimulatedPaymentGateway();
    const first = await gateway.charge(request('tok_visa', 'key-1'));
    const retry = await gateway.charge(request('tok_visa', 'key-1'));
    const other = await gateway.charge(request('tok_visa', 'key-2'));
    expect(retry).toEqual(first);
    expect(other).not.toEqual(first);
  });

  it('declines tok_declined saying the card was declined', async () => {
    const gateway = createSimulatedPaymentGateway();
    expect(await gateway.charge(request('tok_declined'))).toEqual({
      kind: 'declined',
      reason: 'Your card was declined.',
    });
  });

  it('throws PaymentGatewayUnavailableError for tok_error, so the order is retried', async () => {
    const gateway = createSimulatedPaymentGateway();
    const charging = gateway.charge(request('tok_error'));
    await expect(charging).rejects.toBeInstanceOf(PaymentGatewayUnavailableError);
    await expect(charging).rejects.toMatchObject({
      name: 'PaymentGatewayUnavailableError',
      message: expect.stringContaining('tok_error'),
    });
  });

  it('ends a tok_error outage after outageCharges failed charges of an order', async () => {
    const gateway = createSimulatedPaymentGateway(undefined, { outageCharges: 2 });
    const other = { ...request('tok_error'), orderId: 'o_0000000002' };
    await expect(gateway.charge(request('tok_error'))).rejects.toThrow(/tok_error/);
    await expect(gateway.charge(other)).rejects.toThrow(/tok_error/);
    await expect(gateway.charge(request('tok_error'))).rejects.toThrow(/tok_error/);
    expect(await gateway.charge(request('tok_error', 'o_1.payment'))).toEqual({
      kind: 'approved',
      chargeId: 'ch_o_1.payment',
    });
    expect(await gateway.charge(request('tok_error', 'o_1.payment'))).toMatchObject({
      kind: 'approved',
    });
    await expect(gateway.charge(other)).rejects.toThrow(/tok_error/);
  });

  it.each(['tok_mastercard', 'tok_', 'TOK_VISA', ''])(
    'declines the unknown card %j',
    async (token) => {
      const outcome = await createSimulatedPaymentGateway().charge(request(token));
      expect(outcome).toEqual({
        kind: 'declined',
        reason: 'Your card was declined: the card is not one this shop accepts.',
      });
    },
  );

  it('lets onCharge see every attempt and its outcome, failures included', async () => {
    const seen: [string, ChargeOutcome | 'error'][] = [];
    const gateway = createSimulatedPaymentGateway((req, outcome) =>
      seen.push([req.paymentToken, outcome]),
    );
    await gateway.charge(request('tok_visa', 'k1'));
    await gateway.charge(request('tok_declined'));
    await gateway.charge(request('tok_error')).catch(() => {});
    await gateway.charge(request('tok_other'));
    expect(seen).toEqual([
      ['tok_visa', { kind: 'approved', chargeId: 'ch_k1' }],
      ['tok_declined', { kind: 'declined', reason: 'Your card was declined.' }],
      ['tok_error', 'error'],
      [
        'tok_other',
        {
          kind: 'declined',
          reason: 'Your card was declined: the card is not one this shop accepts.',
        },
      ],
    ]);
  });
});
