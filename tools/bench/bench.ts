import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { canPinToCpus } from '../testing/cpu-pinning';
import { REPO_ROOT, type SpawnedServer, spawnServer } from '../testing/spawn-server';
import { createStoreClient, TEST_ADMIN_TOKEN } from '../testing/store-client';
import { type Generator, startGenerator } from './generator-process';
import { checkInvariants, describeViolations } from './invariants';
import { cpuSecondsOf, stallMicros } from './process-cpu';
import { progressLine } from './progress-line';
import type { LoadModel, PhaseSpec, Workload } from './protocol';
import {
  type BenchReport,
  fmtNumber,
  invariantsLine,
  type PhaseReport,
  ratiosOf,
  renderMarkdown,
  renderSummary,
} from './report';
import { mapWithConcurrency } from './stats';
import { readStoreSnapshot } from './store-snapshot';
import { renderChart } from './svg-chart';
import { runWorkerBurst, type WorkerBurst } from './worker-burst';
import { checkoutFields } from './workloads';

/**
 * The benchmark (not a test): the real shop and a bare Hono server, each in its own process on
 * core 0, loaded by a generator process on core 1, phase after phase, each after a warm-up.
 * After every shop phase the store's books are checked (invariants.ts). Results go to
 * bench/results/ as JSON, Markdown and an SVG chart; the terminal gets the ratios.
 *
 *   npm run bench              # about eight minutes
 *   npm run bench -- --quick   # about two minutes
 */
const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    warmup: { type: 'string' },
    seconds: { type: 'string' },
    connections: { type: 'string', default: '100' },
    /** `off` measures the HTTP path alone; `inline` (default) is the shop as `npm start` runs it. */
    worker: { type: 'string', default: 'inline' },
  },
});
const mode = values.quick ? 'quick' : 'full';
const WARMUP = Number(values.warmup ?? (values.quick ? 1 : 5));
const SECONDS = Number(values.seconds ?? (values.quick ? 3 : 15));
const CONNECTIONS = Number(values.connections);
const SHOPPERS = values.quick ? 300 : 1000;
const UNIFORM_PRODUCTS = 200;
const CART_PRODUCTS = 5;
const FLOW_IN_FLIGHT = 200;
const RESTOCK = 1_000_000;
if (![WARMUP, SECONDS, CONNECTIONS].every((n) => Number.isFinite(n) && n >= 0) || SECONDS <= 0)
  throw new Error('--warmup, --seconds and --connections take positive numbers');
if (values.worker !== 'inline' && values.worker !== 'off')
  throw new Error('--worker is inline or off');

const LOAD_AT_START = loadavg();
const pinning = canPinToCpus() ? { server: 0, generator: 1 } : null;
const startedAt = new Date();
const progress = progressLine();
const phases: PhaseReport[] = [];
/** Everything put into the shop, per product: initial stock plus restocks. */
const unitsPutIn = new Map<string, number>();
const acknowledged: string[] = [];

const installedVersion = (workspace: string, name: string) => {
  const entry = createRequire(join(REPO_ROOT, workspace, 'package.json')).resolve(name);
  const marker = `node_modules/${name}/`;
  const root = entry.slice(0, entry.lastIndexOf(marker) + marker.length);
  return (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string })
    .version;
};
const git = (...args: string[]) => {
  try {
    return execFileSync('git', args, { cwd: REPO_ROOT, encoding: 'utf8' }).trim();
  } catch {
    return '';
  }
};

type Phase = { name: string; title: string; workload: Workload; load: LoadModel };

const runPhase = async (
  generator: Generator,
  server: SpawnedServer,
  target: PhaseReport['target'],
  phase: Phase,
  check: (() => Promise<PhaseReport['invariants']>) | null,
  options: {
    neighbour?: SpawnedServer;
    warmupSeconds?: number;
    seconds?: number;
    quietBefore?: PhaseReport['quietBefore'];
  } = {},
) => {
  const spec: PhaseSpec = {
    ...phase,
    origin: server.url,
    warmupSeconds: options.warmupSeconds ?? WARMUP,
    seconds: options.seconds ?? SECONDS,
  };
  const label = `[${String(phases.length + 1).padStart(2)}/${PHASE_COUNT}] ${phase.name.padEnd(16)}`;
  let cpuAtStart: number | null = null;
  let neighbourAtStart: number | null = null;
  let stallAtStart = { cpu: null as number | null, io: null as number | null };
  const measurement = await generator.run(spec, (tick) => {
    if (tick.stage === 'measure' && tick.elapsedSeconds === 0) {
      cpuAtStart = cpuSecondsOf(server.child.pid);
      neighbourAtStart = cpuSecondsOf(options.neighbour?.child.pid);
      stallAtStart = { cpu: stallMicros('cpu'), io: stallMicros('io') };
    }
    progress.update(
      `${label} ${tick.stage.padEnd(7)} ${tick.elapsedSeconds}/${tick.totalSeconds} s  ${fmtNumber(tick.rate, 0)} answers/s`,
    );
  });
  const cpuAtEnd = cpuSecondsOf(server.child.pid);
  const neighbourAtEnd = cpuSecondsOf(options.neighbour?.child.pid);
  const stallAtEnd = { cpu: stallMicros('cpu'), io: stallMicros('io') };
  const stallShare = (resource: 'cpu' | 'io') => {
    const before = stallAtStart[resource];
    const after = stallAtEnd[resource];
    return before !== null && after !== null ? (after - before) / 1e6 / measurement.seconds : null;
  };
  const { acknowledgedOrderIds, ...measured } = measurement;
  acknowledged.push(...acknowledgedOrderIds);
  progress.update(`${label} checking the store's books…`);
  const report: PhaseReport = {
    ...measured,
    title: phase.title,
    target,
    serverCpu:
      cpuAtStart !== null && cpuAtEnd !== null
        ? (cpuAtEnd - cpuAtStart) / measurement.seconds
        : null,
    cpuStall: stallShare('cpu'),
    ioStall: stallShare('io'),
    acknowledged: acknowledgedOrderIds.length,
    ...(options.neighbour
      ? {
          neighbourCpu:
            neighbourAtStart !== null && neighbourAtEnd !== null
              ? (neighbourAtEnd - neighbourAtStart) / measurement.seconds
              : null,
        }
      : {}),
    ...(options.quietBefore ? { quietBefore: options.quietBefore } : {}),
    invariants: check ? await check() : null,
  };
  phases.push(report);
  const flows = report.flows ? `  ${fmtNumber(report.flows.rate)} buyers/s` : '';
  const books = report.invariants
    ? report.invariants.held
      ? '  books balance'
      : `  INVARIANTS VIOLATED: ${report.invariants.violations.join('; ')}`
    : '';
  progress.done(
    `${label} ${fmtNumber(report.rate).padStart(10)} req/s  p99 ${fmtNumber(report.latency.p99, 2)} ms${flows}${books}`,
  );
  return report;
};

/** A shop using less of its core than this over a second is at rest. */
const QUIET_CPU = 0.02;
/** Before a bare denominator: the worker's leftovers would slow the bare server beside it. */
const QUIET_WAIT_MS = 60_000;
/**
 * Before an open-model phase: the closed phases leave the in-process worker tens of thousands of
 * orders behind (its pace yields the core to buyers, ADR 42), and an open phase run while it
 * works them off would measure that backlog, not a steady stream of buyers.
 */
const OPEN_QUIET_WAIT_MS = 300_000;

/** Waits, at most `limitMs`, until the shop's process stops using CPU (its worker done). */
const waitUntilQuiet = async (
  server: SpawnedServer,
  next: string,
  limitMs = QUIET_WAIT_MS,
): Promise<PhaseReport['quietBefore']> => {
  const started = Date.now();
  const waited = () => (Date.now() - started) / 1000;
  let before = cpuSecondsOf(server.child.pid);
  while (before !== null && Date.now() - started < limitMs) {
    progress.update(
      `waiting for the shop to go quiet (its worker done) before ${next}… ${Math.round(waited())} s`,
    );
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const after = cpuSecondsOf(server.child.pid);
    if (after === null) return { seconds: waited(), quiet: null };
    if (after - before < QUIET_CPU) return { seconds: waited(), quiet: true };
    before = after;
  }
  return { seconds: waited(), quiet: before === null ? null : false };
};

const PHASE_COUNT = 16;
/** The worker burst after the phases: as `npm run bench:worker` runs it. */
const BURST = { orders: 1000, clients: 50 };
const closed = (connections = CONNECTIONS): LoadModel => ({ model: 'closed', connections });

const dataDir = mkdtempSync(join(tmpdir(), 'sellout-bench-'));
const started: { stop(): Promise<unknown> }[] = [];
const stopAll = async () => {
  for (const child of started.reverse()) await child.stop();
  started.length = 0;
  rmSync(dataDir, { recursive: true, force: true });
};
process.once('SIGINT', () => {
  progress.done('\ninterrupted; stopping the servers and the generator');
  stopAll().finally(() => process.exit(130));
});

let exitCode = 0;
try {
  console.log(
    `Sellout benchmark, ${mode} run: ${WARMUP} s warm-up + ${SECONDS} s per phase, ${PHASE_COUNT} phases, then a worker burst of ${BURST.orders} orders; ${pinning ? `server on core ${pinning.server}, generator on core ${pinning.generator}` : 'no pinning (taskset missing or one core)'}`,
  );
  const generator = await startGenerator(pinning?.generator);
  started.push(generator);

  // The denominators, on the server's core, before the shop exists; the bare server stays up
  // (idle, it costs nothing) to measure them again right before each phase divided by them.
  const bare = await spawnServer({
    entry: 'tools/bench/bare-hono-server.ts',
    env: {},
    cpu: pinning?.server,
  });
  started.push(bare);
  const bareBody = { productId: 'p_bare', quantity: 1, ...checkoutFields() };
  await runPhase(
    generator,
    bare,
    'bare',
    {
      name: 'bare-get',
      title: 'bare Hono GET, small JSON',
      workload: { kind: 'get', paths: ['/bare'] },
      load: closed(),
    },
    null,
  );
  await runPhase(
    generator,
    bare,
    'bare',
    {
      name: 'bare-post',
      title: 'bare Hono POST, JSON echo (a checkout body)',
      workload: { kind: 'post-json', path: '/bare', body: bareBody },
      load: closed(),
    },
    null,
  );

  const shop = await spawnServer({
    cpu: pinning?.server,
    env: {
      DATA_DIR: dataDir,
      ADMIN_TOKEN: TEST_ADMIN_TOKEN,
      RATE_LIMIT: 'off',
      SEED: 'none',
      LOG_LEVEL: 'warn',
      WORKER: values.worker,
    },
  });
  started.push(shop);
  const store = createStoreClient(shop.url);

  progress.update('seeding products and shoppers…');
  const create = async (sku: string, stock: number) => {
    const product = await store.createProduct({ sku, stock, category: `bench-${sku.length % 7}` });
    unitsPutIn.set(product.id, stock);
    return product.id;
  };
  const restock = async (productId: string, quantity: number) => {
    await store.json(
      store.admin(`/admin/products/${productId}/restock`, {
        method: 'POST',
        body: JSON.stringify({ quantity }),
      }),
    );
    unitsPutIn.set(productId, (unitsPutIn.get(productId) ?? 0) + quantity);
  };
  const uniform = await mapWithConcurrency(
    Array.from({ length: UNIFORM_PRODUCTS }, (_, i) => `BENCH-U-${String(i).padStart(3, '0')}`),
    8,
    (sku) => create(sku, RESTOCK),
  );
  const hot = await create('BENCH-HOT', RESTOCK);
  // A drop of 10 units: the warm-up sells them, then every answer is a 409.
  const gone = await create('BENCH-GONE', 10);
  const tokens = await mapWithConcurrency(Array.from({ length: SHOPPERS }), 16, store.newShopper);

  const check = async (): Promise<PhaseReport['invariants']> => {
    const snapshot = await readStoreSnapshot(store);
    const { violations, checked } = checkInvariants({
      unitsPutIn,
      products: snapshot.products,
      orders: snapshot.orders,
      acknowledged,
    });
    return {
      ...checked,
      held: violations.length === 0,
      oversold: violations.filter((violation) => violation.kind === 'oversold').length,
      violations: describeViolations(violations),
    };
  };
  const onShop = (phase: Phase, quietBefore?: PhaseReport['quietBefore']) =>
    runPhase(generator, shop, 'shop', phase, check, { quietBefore });
  /**
   * The bare server again, right before `next` (the shop phase divided by it), once the shop has
   * gone quiet: its worker finishing the last phase's orders would slow the bare server down.
   */
  let repeats = 1;
  const bareAgain = async (next: string, load: LoadModel, kind: 'get' | 'post') => {
    await waitUntilQuiet(shop, next);
    const name = load.model === 'open' ? `bare-${next}` : `bare-${kind}·${++repeats}`;
    return runPhase(
      generator,
      bare,
      'bare',
      {
        name,
        title: `bare Hono ${kind === 'get' ? 'GET' : 'POST echo'}${load.model === 'open' ? ` at ${load.rate}/s, the arrivals of ${next}` : ''}, again right before ${next}`,
        workload:
          kind === 'get'
            ? { kind: 'get', paths: ['/bare'] }
            : { kind: 'post-json', path: '/bare', body: bareBody },
        load,
      },
      null,
      { neighbour: shop, warmupSeconds: Math.min(WARMUP, 2), seconds: Math.max(2, SECONDS / 2) },
    );
  };

  await bareAgain('product', closed(), 'get');
  await onShop({
    name: 'product',
    title: `GET /api/products/:id over ${UNIFORM_PRODUCTS} products`,
    workload: { kind: 'get', paths: uniform.map((id) => `/api/products/${id}`) },
    load: closed(),
  });
  await onShop({
    name: 'catalog',
    title: 'GET /api/products (first page, 20 products)',
    workload: { kind: 'get', paths: ['/api/products'] },
    load: closed(),
  });
  await onShop({
    name: 'cart-add',
    title: 'POST /api/cart, one unit, spread over shoppers',
    workload: { kind: 'add-to-cart', productIds: uniform.slice(0, CART_PRODUCTS), tokens },
    load: closed(),
  });
  await restock(hot, RESTOCK);
  await bareAgain('checkout-hot', closed(), 'post');
  const hotRun = await onShop({
    name: 'checkout-hot',
    title: 'POST /api/checkout, one unit of one product (a hot SKU)',
    workload: { kind: 'buy-now', productIds: [hot], tokens },
    load: closed(),
  });
  await onShop({
    name: 'checkout-uniform',
    title: `POST /api/checkout, one unit of a random one of ${UNIFORM_PRODUCTS} products`,
    workload: { kind: 'buy-now', productIds: uniform, tokens },
    load: closed(),
  });
  await bareAgain('sold-out', closed(), 'post');
  await onShop({
    name: 'sold-out',
    title: 'POST /api/checkout on a sold-out product (409 after the first 10)',
    workload: { kind: 'buy-now', productIds: [gone], tokens },
    load: closed(),
  });
  await bareAgain('buyer-flow', closed(), 'post');
  await onShop({
    name: 'buyer-flow',
    title: `new shopper: session → cart → POST /api/orders, ${FLOW_IN_FLIGHT} buyers in flight`,
    workload: { kind: 'buyer-flow', productIds: uniform },
    load: closed(FLOW_IN_FLIGHT),
  });
  for (const share of [50, 80]) {
    const rate = Math.max(1, Math.round((hotRun.rate * share) / 100));
    const name = `open-${share}`;
    await restock(hot, RESTOCK);
    // One wait covers both: the bare reference of open-80 runs beside a quiet shop, and the
    // phase right after it (the bare server's few seconds leave the shop at rest).
    const quietBefore = await waitUntilQuiet(shop, name, OPEN_QUIET_WAIT_MS);
    if (share === 80) await bareAgain(name, { model: 'open', rate }, 'post');
    await onShop(
      {
        name,
        title: `open model: hot-SKU checkouts arriving at ${rate}/s (${share} % of checkout-hot)`,
        workload: { kind: 'buy-now', productIds: [hot], tokens },
        load: { model: 'open', rate },
      },
      quietBefore,
    );
  }
  await shop.stop();

  progress.update(
    `[burst] worker-burst       ${BURST.orders} orders from ${BURST.clients} clients…`,
  );
  const workerBurst: WorkerBurst = await runWorkerBurst({ ...BURST, cpu: pinning?.server });
  progress.done(
    `[burst] worker-burst     ${fmtNumber(workerBurst.placedRate).padStart(10)} placed/s, ${fmtNumber(workerBurst.processedRate)} processed/s, placement → PROCESSED p99 ${fmtNumber(workerBurst.latencyMs.p99, 0)} ms`,
  );

  const checks = phases.filter((phase) => phase.invariants !== null);
  const report: BenchReport = {
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    mode,
    machine: {
      cpus: availableParallelism(),
      cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
      loadAverageAtStart: LOAD_AT_START,
      node: process.version,
      platform: `${process.platform} ${process.arch}`,
      pinning,
      commit: `${git('rev-parse', '--short', 'HEAD') || 'unknown'}${git('status', '--porcelain') ? ' (uncommitted changes)' : ''}`,
      hono: {
        shop: `${installedVersion('apps/api', 'hono')} + @hono/node-server ${installedVersion('apps/api', '@hono/node-server')}`,
        bare: `${installedVersion('tools', 'hono')} + @hono/node-server ${installedVersion('tools', '@hono/node-server')}`,
      },
    },
    settings: {
      warmupSeconds: WARMUP,
      seconds: SECONDS,
      connections: CONNECTIONS,
      worker: values.worker,
    },
    phases,
    workerBurst,
    ratios: ratiosOf(phases, workerBurst),
    invariantsHeld: checks.every((phase) => phase.invariants?.held),
    oversold: checks.reduce((sum, phase) => sum + (phase.invariants?.oversold ?? 0), 0),
  };

  const dir = join(REPO_ROOT, 'bench/results');
  mkdirSync(dir, { recursive: true });
  const stamp = report.startedAt.replace(/[:.]/g, '-');
  const chartFile = `${stamp}.svg`;
  writeFileSync(join(dir, `${stamp}.json`), `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(join(dir, `${stamp}.md`), `${renderMarkdown(report, chartFile)}\n`);
  writeFileSync(
    join(dir, chartFile),
    renderChart(
      `Sellout benchmark, ${mode} run, ${report.startedAt.slice(0, 16).replace('T', ' ')} UTC`,
      phases.map((phase) => ({ name: phase.name, rate: phase.rate, p99: phase.latency.p99 })),
    ),
  );
  console.log(`\n${renderSummary(report)}\n`);
  console.log(`Results: bench/results/${stamp}.{json,md,svg}`);
  if (!report.invariantsHeld) {
    console.error(`\n${invariantsLine(report)}`);
    exitCode = 1;
  }
} catch (error) {
  progress.done('');
  console.error(error);
  exitCode = 1;
} finally {
  await stopAll();
}
process.exit(exitCode);
