import { describe, expect, it } from 'vitest';
import { notesOf, type PhaseReport, ratiosOf } from './report';
import { renderChart } from './svg-chart';
import type { WorkerBurst } from './worker-burst';

const latency = (p99: number) => ({
  p50: p99 / 2,
  p90: p99,
  p99,
  p99_9: p99 * 2,
  max: p99 * 3,
  mean: p99 / 2,
});

const phase = (name: string, rate: number, extra: Partial<PhaseReport> = {}): PhaseReport => ({
  name,
  title: name,
  target: 'shop',
  seconds: 10,
  responses: rate * 10,
  rate,
  latency: latency(10),
  statuses: { 200: rate * 10 },
  errors: 0,
  generatorCpu: 0.2,
  serverCpu: 1,
  cpuStall: 0,
  ioStall: 0,
  acknowledged: 0,
  invariants: null,
  ...extra,
});

const bare = (name: string, rate: number, extra: Partial<PhaseReport> = {}) =>
  phase(name, rate, { target: 'bare', ...extra });

const run = () => [
  bare('bare-get', 20_000),
  bare('bare-post', 16_000),
  phase('product', 5_000),
  phase('checkout-hot', 800),
  phase('checkout-uniform', 1_000),
  phase('sold-out', 2_000),
  phase('buyer-flow', 900, {
    flows: { completed: 3000, rate: 320, latency: latency(400) },
  }),
  phase('open-80', 640, {
    latency: latency(12.5),
    open: { targetRate: 640, sent: 6400, sentRate: 640, lateSends: 0, peakInFlight: 9 },
  }),
];

const burst: WorkerBurst = {
  orders: 1000,
  clients: 50,
  concurrency: null,
  split: false,
  placedSeconds: 0.8,
  placedRate: 1250,
  processingSeconds: 0.78,
  processedRate: 1282,
  ratio: 1.025,
  latencyMs: { p50: 40, p99: 230, max: 260 },
};

describe('the benchmark report', () => {
  it('takes every ratio from the phases of the same run', () => {
    expect(ratiosOf(run(), burst).map((ratio) => [ratio.label, ratio.value])).toEqual([
      ['hot-SKU checkout / bare POST', 0.05],
      ['hot / uniform (hot-SKU checkout / checkout over 200 products)', 0.8],
      ['sold-out answers / bare POST', 0.125],
      ['GET /api/products/:id / bare GET', 0.25],
      ['full buyer flow (buyers/s) / bare POST', 0.02],
      ['open model at 80 % of the hot-SKU rate (640/s): checkout p99', 12.5],
      ['worker burst (1,000 orders, 50 clients): processed/s / placed/s', 1.025],
      ['worker burst: placement → PROCESSED p99', 230],
    ]);
  });

  it('leaves a ratio empty rather than inventing it when a phase is missing', () => {
    const ratios = ratiosOf(run().filter((p) => p.name !== 'bare-post'));
    expect(ratios.filter((ratio) => ratio.value === null).map((ratio) => ratio.label)).toEqual([
      'hot-SKU checkout / bare POST',
      'sold-out answers / bare POST',
      'full buyer flow (buyers/s) / bare POST',
      'worker burst: processed/s / placed/s',
      'worker burst: placement → PROCESSED p99',
    ]);
  });

  it('divides by the bare phase of its kind measured last before it, and names it', () => {
    const interleaved = [
      bare('bare-get', 20_000),
      bare('bare-post', 16_000),
      bare('bare-get·2', 10_000),
      phase('product', 5_000),
      bare('bare-post·3', 8_000),
      phase('checkout-hot', 800),
      phase('checkout-uniform', 1_000),
      // A shop phase named like a bare one is no denominator.
      phase('bare-post·4', 1),
      phase('sold-out', 2_000),
      bare('bare-open-80', 640, { latency: latency(3) }),
      phase('open-80', 640, { latency: latency(12.5) }),
    ];
    const ratios = ratiosOf(interleaved);
    const find = (label: string) => ratios.find((ratio) => ratio.label.trim().startsWith(label));
    expect(
      [
        'hot-SKU checkout / bare POST',
        'GET /api/products/:id / bare GET',
        'sold-out answers / bare POST',
        'the same arrivals on bare Hono',
      ].map(find),
    ).toMatchObject([
      { value: 0.1, denominator: 'bare-post·3' },
      { value: 0.5, denominator: 'bare-get·2' },
      { value: 0.25, denominator: 'bare-post·3' },
      { value: 3, denominator: 'bare-open-80' },
    ]);
    // A buyer-flow phase without its buyers/s gives no ratio rather than its requests/s.
    const flowless = ratiosOf([bare('bare-post', 16_000), phase('buyer-flow', 900)]);
    expect(flowless.find((ratio) => ratio.label.startsWith('full buyer flow'))?.value).toBeNull();
    // Nothing bare before it: no ratio rather than one over a later denominator.
    expect(ratiosOf([phase('checkout-hot', 800), bare('bare-post', 16_000)])[0]!.value).toBeNull();
  });

  it('says when the shop beside a bare phase still worked, which makes that denominator low', () => {
    const notes = notesOf([
      bare('bare-post·2', 9_000, { neighbourCpu: 0.3 }),
      bare('bare-get', 1, { neighbourCpu: 0.01 }),
    ]);
    expect(notes.filter((note) => note.includes('shared core'))).toEqual([
      "bare-post·2: the shop's process still used 0.30 of the shared core meanwhile, so this denominator is low and the ratios over it high",
    ]);
  });

  it('says whether an open phase began on a quiet shop or with the worker still behind', () => {
    const notes = notesOf([
      phase('open-50', 1_000, { quietBefore: { seconds: 4, quiet: true } }),
      phase('open-80', 1_600, { quietBefore: { seconds: 300, quiet: false } }),
      phase('checkout-hot', 2_000),
    ]);
    expect(notes.filter((note) => note.includes('worker'))).toEqual([
      "open-50: began once the shop's worker had worked off the earlier phases' orders (4 s of waiting); the phase's own orders were processed meanwhile",
      "open-80: began while the shop's worker was still working off earlier phases' orders (waited 300 s, the limit), so its latencies include that backlog",
    ]);
  });

  it('says where the generator may have been the limit', () => {
    expect(notesOf(run()).at(-1)).toBe('the generator stayed below 0.9 of its core in every phase');
    const busy = run().map((p) => (p.name === 'bare-get' ? { ...p, generatorCpu: 0.95 } : p));
    expect(notesOf(busy).at(-1)).toContain('in bare-get: there it may be the limit');
  });

  it('draws a rate bar and a p99 bar per phase, names escaped', () => {
    const svg = renderChart('A <run> & more', [
      { name: 'bare-get', rate: 20_000, p99: 2 },
      { name: 'checkout "hot"', rate: 800, p99: 40 },
    ]);
    expect(svg.match(/<rect x=/g)).toHaveLength(4);
    expect(svg).toContain('A &#60;run&#62; &#38; more');
    expect(svg).toContain('checkout &#34;hot&#34;');
    expect(svg).toContain('>20,000</text>');
    expect(svg).toContain('>40.0</text>');
  });
});
