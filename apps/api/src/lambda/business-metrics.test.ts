import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import {
  BUSINESS_METRICS,
  countCheckouts,
  countDeliveries,
  createMetricsWriter,
  type EmfLine,
  METRICS_NAMESPACE,
  shopDimension,
} from './business-metrics';

const recorder = () => {
  const lines: string[] = [];
  const writer = createMetricsWriter(
    'sellout-test',
    (line) => lines.push(line),
    () => new Date('2026-12-12T00:00:00Z'),
  );
  const counted = () =>
    lines.map((line) => {
      const parsed = JSON.parse(line) as EmfLine;
      const name = parsed._aws.CloudWatchMetrics[0]!.Metrics[0]!.Name;
      return [name, parsed[name]];
    });
  return { lines, writer, counted };
};

/** A stand-in for the shop's routes answering what a checkout answers. */
const shop = (answer: { status: 201 | 409 | 400; code?: string; replayed?: boolean }) => {
  const { writer, counted, lines } = recorder();
  const app = new Hono();
  app.use(countCheckouts(writer));
  app.post('/api/*', (c) => {
    if (answer.replayed) c.header('Idempotent-Replayed', 'true');
    return answer.status === 201
      ? c.json({ orderId: 'o_1' }, 201)
      : c.json({ error: { code: answer.code, message: 'no' } }, answer.status);
  });
  app.get('/api/*', (c) => c.json({ items: [] }));
  return { app, counted, lines };
};

describe('business metrics in embedded metric format', () => {
  it('writes one EMF line CloudWatch can read: namespace, dimension, metric and value', () => {
    const { lines, writer } = recorder();
    writer.count(BUSINESS_METRICS.ordersPlaced);
    expect(lines).toHaveLength(1);
    expect(lines[0]!.endsWith('\n')).toBe(true);
    expect(JSON.parse(lines[0]!)).toEqual({
      _aws: {
        Timestamp: Date.parse('2026-12-12T00:00:00Z'),
        CloudWatchMetrics: [
          {
            Namespace: METRICS_NAMESPACE,
            Dimensions: [['Shop']],
            Metrics: [{ Name: 'OrdersPlaced', Unit: 'Count' }],
          },
        ],
      },
      Shop: 'sellout-test',
      OrdersPlaced: 1,
    });
  });

  it('names the shop by its table prefix', () => {
    expect(shopDimension('sellout-prod-')).toBe('sellout-prod');
    expect(shopDimension('shop_')).toBe('shop');
  });

  it('counts a placed order once, and not its replay', async () => {
    for (const path of ['/api/orders', '/api/checkout']) {
      const placed = shop({ status: 201 });
      await placed.app.request(path, { method: 'POST' });
      expect(placed.counted()).toEqual([['OrdersPlaced', 1]]);
    }
    const replay = shop({ status: 201, replayed: true });
    await replay.app.request('/api/orders', { method: 'POST' });
    expect(replay.counted()).toEqual([]);
  });

  it('counts an OUT_OF_STOCK refusal and no other refusal or route', async () => {
    const soldOut = shop({ status: 409, code: 'OUT_OF_STOCK' });
    const answer = await soldOut.app.request('/api/checkout', { method: 'POST' });
    expect(await answer.json()).toEqual({ error: { code: 'OUT_OF_STOCK', message: 'no' } });
    expect(soldOut.counted()).toEqual([['SoldOutRefusals', 1]]);

    const empty = shop({ status: 409, code: 'CART_EMPTY' });
    await empty.app.request('/api/orders', { method: 'POST' });
    const invalid = shop({ status: 400, code: 'VALIDATION_FAILED' });
    await invalid.app.request('/api/orders', { method: 'POST' });
    const other = shop({ status: 201 });
    await other.app.request('/api/session', { method: 'POST' });
    await other.app.request('/api/orders');
    expect([...empty.counted(), ...invalid.counted(), ...other.counted()]).toEqual([]);
  });

  it('counts deliveries by their outcome and passes the outcome on', async () => {
    const { writer, counted } = recorder();
    const outcomes = ['processed', 'cancelled', 'not-found'] as const;
    const deliver = countDeliveries(writer, async (i: number) => outcomes[i]!);
    expect([await deliver(0), await deliver(1), await deliver(2)]).toEqual([...outcomes]);
    expect(counted()).toEqual([
      ['OrdersProcessed', 1],
      ['OrdersCancelled', 1],
    ]);
  });

  it('counts nothing for a delivery that fails, and lets the failure through', async () => {
    const { writer, counted } = recorder();
    const deliver = countDeliveries(writer, async () => {
      throw new Error('gateway down');
    });
    await expect(deliver({})).rejects.toThrow('gateway down');
    expect(counted()).toEqual([]);
  });
});
