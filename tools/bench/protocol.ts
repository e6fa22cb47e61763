/**
 * What the benchmark (`bench.ts`) and its load generator (`load-generator.ts`, another process,
 * another core) say to each other over the IPC channel. Everything here is plain JSON.
 */

/** What one phase sends, request after request. */
export type Workload =
  /** GETs cycling over `paths`. */
  | { kind: 'get'; paths: string[] }
  /** The same JSON body POSTed again and again. */
  | { kind: 'post-json'; path: string; body: unknown }
  /** POST /api/cart, one unit, spread over shoppers and products. */
  | { kind: 'add-to-cart'; productIds: string[]; tokens: string[] }
  /** POST /api/checkout ("buy now"), one unit of a random product, a fresh Idempotency-Key each. */
  | { kind: 'buy-now'; productIds: string[]; tokens: string[] }
  /** A new shopper: POST /api/session → POST /api/cart → POST /api/orders. */
  | { kind: 'buyer-flow'; productIds: string[] };

export type LoadModel =
  /** `connections` requests in flight; each connection sends its next once answered. */
  | { model: 'closed'; connections: number }
  /** Arrivals at a fixed `rate` per second, whether or not earlier ones were answered. */
  | { model: 'open'; rate: number };

export type PhaseSpec = {
  name: string;
  /** http://127.0.0.1:port */
  origin: string;
  workload: Workload;
  load: LoadModel;
  warmupSeconds: number;
  seconds: number;
};

/** Milliseconds. */
export type LatencySummary = {
  p50: number;
  p90: number;
  p99: number;
  p99_9: number;
  max: number;
  mean: number;
};

export type PhaseMeasurement = {
  name: string;
  /** Wall time of the measured part (the warm-up excluded). */
  seconds: number;
  /** Answers received while measuring. */
  responses: number;
  /** Answers per second while measuring. */
  rate: number;
  /** Of every answer; in the open model also of failed requests, at the time they failed. */
  latency: LatencySummary;
  /** Answers per HTTP status while measuring. */
  statuses: Record<string, number>;
  /** Connection errors and timeouts while measuring. */
  errors: number;
  /** Order ids of every 201 checkout answer, warm-up included: the invariant check needs all. */
  acknowledgedOrderIds: string[];
  /** CPU the generator used while measuring, in cores (1 = one core busy all the time). */
  generatorCpu: number;
  /** The buyer flow: whole flows (session → cart → order 201) per second and their latency. */
  flows?: { completed: number; rate: number; latency: LatencySummary };
  /** The open model: what was asked for and what the generator managed to send. */
  open?: {
    targetRate: number;
    sent: number;
    sentRate: number;
    lateSends: number;
    peakInFlight: number;
  };
};

export type ToGenerator = { type: 'run'; spec: PhaseSpec } | { type: 'exit' };

export type FromGenerator =
  | { type: 'ready' }
  | {
      type: 'progress';
      name: string;
      stage: 'warm-up' | 'measure';
      elapsedSeconds: number;
      totalSeconds: number;
      /** Answers in the last second. */
      rate: number;
    }
  | { type: 'result'; result: PhaseMeasurement }
  | { type: 'failed'; message: string };
