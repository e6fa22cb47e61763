import type { InvariantReport } from './invariants';
import type { PhaseMeasurement } from './protocol';
import type { WorkerBurst } from './worker-burst';

/** One phase as the results files keep it (order ids are counted, not listed). */
export type PhaseReport = Omit<PhaseMeasurement, 'acknowledgedOrderIds'> & {
  /** What the phase sends, in words. */
  title: string;
  /** Whether it talks to the shop or to the bare Hono server. */
  target: 'bare' | 'shop';
  /** CPU the server used while measuring, in cores; null where /proc cannot say. */
  serverCpu: number | null;
  /**
   * Share of the phase during which some task on the machine waited for a CPU (Linux PSI);
   * near 0 on a quiet machine, high when other work competed. Null where the kernel cannot say.
   */
  cpuStall: number | null;
  /** Likewise for I/O: high when the disk was slow, for the shop or for everyone. */
  ioStall: number | null;
  acknowledged: number;
  /**
   * For a bare phase run while the shop's process lives beside it on the same core: the CPU
   * the shop still used meanwhile (its worker finishing earlier orders), in cores.
   */
  neighbourCpu?: number | null;
  /**
   * For a shop phase that waited for the shop's process to go quiet first (the open model):
   * how long it waited, and whether it got there (null where /proc cannot say).
   */
  quietBefore?: { seconds: number; quiet: boolean | null };
  /** The check after the phase; null for the bare server, which keeps no books. */
  invariants:
    | (InvariantReport['checked'] & { held: boolean; violations: string[]; oversold: number })
    | null;
};

export type Ratio = {
  label: string;
  value: number | null;
  unit: '×' | 'ms';
  /** The bare phase the value came from or was divided by. */
  denominator?: string;
};

export type BenchReport = {
  startedAt: string;
  finishedAt: string;
  mode: 'quick' | 'full';
  machine: {
    cpus: number;
    cpuModel: string;
    loadAverageAtStart: number[];
    node: string;
    platform: string;
    pinning: { server: number; generator: number } | null;
    commit: string;
    hono: { shop: string; bare: string };
  };
  settings: { warmupSeconds: number; seconds: number; connections: number; worker: string };
  phases: PhaseReport[];
  /** The last part of a run: a burst of orders on a fresh server, followed by its worker. */
  workerBurst: WorkerBurst | null;
  ratios: Ratio[];
  invariantsHeld: boolean;
  oversold: number;
};

/**
 * The last bare-server phase of `kind` measured before `name` (`bare-post`, or a repeat such as
 * `bare-post·3` run right before a shop phase): the host's speed changes from minute to minute,
 * so a ratio divides by the denominator measured next to it, not minutes earlier.
 */
export const denominatorOf = (
  phases: readonly PhaseReport[],
  name: string,
  kind: 'get' | 'post' | 'open',
) => {
  const at = phases.findIndex((phase) => phase.name === name);
  if (at < 0) return null;
  const prefix = kind === 'open' ? `bare-${name}` : `bare-${kind}`;
  return (
    phases
      .slice(0, at)
      .reverse()
      .find(
        (phase) =>
          phase.target === 'bare' && (phase.name === prefix || phase.name.startsWith(`${prefix}·`)),
      ) ?? null
  );
};

const divide = (a: number | null | undefined, b: number | null | undefined) =>
  a == null || b == null || b === 0 ? null : a / b;

/** The ratios issue 9 asks for, from phases measured in the same run; null where one is missing. */
export const ratiosOf = (
  phases: readonly PhaseReport[],
  burst: WorkerBurst | null = null,
): Ratio[] => {
  const byName = (name: string) => phases.find((phase) => phase.name === name) ?? null;
  const over = (
    label: string,
    name: string,
    kind: 'get' | 'post',
    numerator: (phase: PhaseReport) => number | undefined = (phase) => phase.rate,
  ): Ratio => {
    const denominator = denominatorOf(phases, name, kind);
    const phase = byName(name);
    return {
      label,
      value: divide(phase ? numerator(phase) : null, denominator?.rate),
      unit: '×',
      ...(denominator ? { denominator: denominator.name } : {}),
    };
  };
  const open80 = byName('open-80');
  const bareOpen80 = denominatorOf(phases, 'open-80', 'open');
  const ratios: Ratio[] = [
    over('hot-SKU checkout / bare POST', 'checkout-hot', 'post'),
    {
      label: 'hot / uniform (hot-SKU checkout / checkout over 200 products)',
      value: divide(byName('checkout-hot')?.rate, byName('checkout-uniform')?.rate),
      unit: '×',
    },
    over('sold-out answers / bare POST', 'sold-out', 'post'),
    over('GET /api/products/:id / bare GET', 'product', 'get'),
    over('full buyer flow (buyers/s) / bare POST', 'buyer-flow', 'post', (p) => p.flows?.rate),
    {
      label: `open model at 80 % of the hot-SKU rate${open80?.open ? ` (${fmtNumber(open80.open.targetRate, 0)}/s)` : ''}: checkout p99`,
      value: open80?.latency.p99 ?? null,
      unit: 'ms',
    },
  ];
  if (bareOpen80) {
    ratios.push({
      label: '  the same arrivals on bare Hono (POST echo): p99',
      value: bareOpen80.latency.p99,
      unit: 'ms',
      denominator: bareOpen80.name,
    });
  }
  return [
    ...ratios,
    {
      label: `worker burst${burst ? ` (${fmtNumber(burst.orders, 0)} orders, ${burst.clients} clients)` : ''}: processed/s / placed/s`,
      value: burst?.ratio ?? null,
      unit: '×',
    },
    {
      label: 'worker burst: placement → PROCESSED p99',
      value: burst?.latencyMs.p99 ?? null,
      unit: 'ms',
    },
  ];
};

export const fmtNumber = (n: number, digits = 1) =>
  n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

const fmtRatio = (ratio: Ratio) =>
  ratio.value === null
    ? 'n/a'
    : ratio.unit === 'ms'
      ? `${fmtNumber(ratio.value, 1)} ms`
      : ratio.value.toFixed(3);

const statusesOf = (phase: PhaseReport) =>
  Object.entries(phase.statuses)
    .map(([status, count]) => `${status}×${count}`)
    .join(' ') + (phase.errors ? ` err×${phase.errors}` : '');

const invariantCell = (phase: PhaseReport) =>
  phase.invariants === null ? '–' : phase.invariants.held ? 'held' : 'VIOLATED';

const percentCell = (share: number | null) =>
  share === null ? '–' : `${Math.round(share * 100)} %`;

const cpuCell = (cores: number | null) => (cores === null ? '–' : cores.toFixed(2));

const columns = (phase: PhaseReport) => {
  const flow = phase.flows;
  return [
    phase.name,
    fmtNumber(phase.rate),
    flow ? fmtNumber(flow.rate) : '',
    fmtNumber(phase.latency.p50, 2),
    fmtNumber(phase.latency.p99, 2),
    fmtNumber(phase.latency.p99_9, 2),
    cpuCell(phase.serverCpu),
    phase.serverCpu ? fmtNumber(phase.rate / phase.serverCpu, 0) : '–',
    cpuCell(phase.generatorCpu),
    percentCell(phase.cpuStall),
    percentCell(phase.ioStall),
    invariantCell(phase),
    statusesOf(phase),
  ];
};
const HEADINGS = [
  'phase',
  'req/s',
  'buyers/s',
  'p50 ms',
  'p99 ms',
  'p99.9 ms',
  'server CPU',
  'req per server CPU-s',
  'generator CPU',
  'CPU stall',
  'I/O stall',
  'invariants',
  'answers',
];

export const invariantsLine = (
  report: Pick<BenchReport, 'invariantsHeld' | 'oversold' | 'phases'>,
) => {
  const checked = report.phases.filter((phase) => phase.invariants !== null).length;
  return `oversold: ${report.oversold}; every invariant held in every phase (${checked} checks): ${report.invariantsHeld ? 'yes' : 'NO'}`;
};

const machineLine = (report: BenchReport) => {
  const { machine } = report;
  const pinning = machine.pinning
    ? `server pinned to core ${machine.pinning.server}, generator to core ${machine.pinning.generator}`
    : 'not pinned (no taskset or one core)';
  return `${machine.cpus} × ${machine.cpuModel}, ${pinning}, Node ${machine.node}, load average at start ${machine.loadAverageAtStart.map((n) => n.toFixed(2)).join(' ')}`;
};

/** A generator using this much of its core may be what limits a phase, not the server. */
export const GENERATOR_BUSY = 0.9;
/** A resting shop using this much of the shared core disturbs a bare phase measured beside it. */
const NEIGHBOUR_BUSY = 0.05;
/** A server using less of its core than this was waiting, not working. */
const SERVER_IDLE = 0.25;

/** What the table cannot show: whole-flow latency, how well the open model kept its rate. */
export const notesOf = (phases: readonly PhaseReport[], burst: WorkerBurst | null = null) => {
  const notes: string[] = [];
  if (burst) {
    notes.push(
      `worker burst: ${burst.orders} orders from ${burst.clients} clients on a fresh server (worker ${burst.split ? 'in its own process' : 'in process'}, concurrency ${burst.concurrency ?? 'default'}): placed at ${fmtNumber(burst.placedRate)}/s in ${fmtNumber(burst.placedSeconds, 2)} s, processed at ${fmtNumber(burst.processedRate)}/s (${fmtNumber(burst.processingSeconds, 2)} s from the first placement to the last PROCESSED); placement → PROCESSED p50 ${fmtNumber(burst.latencyMs.p50, 0)} ms, p99 ${fmtNumber(burst.latencyMs.p99, 0)} ms, max ${fmtNumber(burst.latencyMs.max, 0)} ms`,
    );
  }
  for (const phase of phases) {
    if (phase.flows) {
      const { flows } = phase;
      notes.push(
        `${phase.name}: ${flows.completed} buyers in ${fmtNumber(phase.seconds)} s = ${fmtNumber(flows.rate)} buyers/s; whole flow p50 ${fmtNumber(flows.latency.p50, 2)} ms, p99 ${fmtNumber(flows.latency.p99, 2)} ms`,
      );
    }
    if (phase.open) {
      const { open } = phase;
      notes.push(
        `${phase.name}: asked ${fmtNumber(open.targetRate, 0)}/s, sent ${fmtNumber(open.sentRate)}/s (${open.lateSends} sends > 5 ms late, at most ${open.peakInFlight} in flight); latency from the scheduled send: p50 ${fmtNumber(phase.latency.p50, 2)} ms, p99 ${fmtNumber(phase.latency.p99, 2)} ms, p99.9 ${fmtNumber(phase.latency.p99_9, 2)} ms`,
      );
    }
  }
  for (const phase of phases) {
    if (!phase.quietBefore) continue;
    const waited = fmtNumber(phase.quietBefore.seconds, 0);
    const { quiet } = phase.quietBefore;
    notes.push(
      quiet === null
        ? `${phase.name}: whether the shop's worker had worked off the earlier phases' orders first could not be read (no /proc)`
        : quiet
          ? `${phase.name}: began once the shop's worker had worked off the earlier phases' orders (${waited} s of waiting); the phase's own orders were processed meanwhile`
          : `${phase.name}: began while the shop's worker was still working off earlier phases' orders (waited ${waited} s, the limit), so its latencies include that backlog`,
    );
  }
  for (const phase of phases) {
    if (phase.neighbourCpu != null && phase.neighbourCpu >= NEIGHBOUR_BUSY)
      notes.push(
        `${phase.name}: the shop's process still used ${phase.neighbourCpu.toFixed(2)} of the shared core meanwhile, so this denominator is low and the ratios over it high`,
      );
  }
  for (const phase of phases) {
    // An open-model phase asks for a fixed rate: an idle core there is headroom, not waiting.
    if (phase.serverCpu !== null && phase.serverCpu < SERVER_IDLE && !phase.open)
      notes.push(
        `${phase.name}: the server used ${phase.serverCpu.toFixed(2)} of its core, so it mostly waited (for the disk, or for a CPU others held: see the stall columns) rather than computed`,
      );
  }
  const busy = phases.filter((phase) => phase.generatorCpu >= GENERATOR_BUSY);
  notes.push(
    busy.length === 0
      ? `the generator stayed below ${GENERATOR_BUSY} of its core in every phase`
      : `the generator used ≥ ${GENERATOR_BUSY} of its core in ${busy.map((phase) => phase.name).join(', ')}: there it may be the limit`,
  );
  return notes;
};

/** The summary the terminal gets at the end of a run. */
export const renderSummary = (report: BenchReport) => {
  const rows = [HEADINGS, ...report.phases.map(columns)];
  const widths = HEADINGS.map((_, i) => Math.max(...rows.map((row) => row[i]!.length)));
  const table = rows.map((row) =>
    row
      .map((cell, i) => (i === 0 || i >= 11 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!)))
      .join('  ')
      .trimEnd(),
  );
  const labelWidth = Math.max(...report.ratios.map((ratio) => ratio.label.length));
  return [
    `Sellout benchmark (${report.mode}, ${report.settings.warmupSeconds} s warm-up + ${report.settings.seconds} s per phase, ${report.settings.connections} connections) at ${report.machine.commit}`,
    machineLine(report),
    '',
    ...table.map((line) => `  ${line}`),
    '',
    'Ratios (measured in this run):',
    ...report.ratios.map(
      (ratio) =>
        `  ${ratio.label.padEnd(labelWidth)}  ${fmtRatio(ratio).padStart(11)}${ratio.denominator ? `  (${ratio.denominator})` : ''}`,
    ),
    `  ${invariantsLine(report)}`,
    ...report.phases.flatMap((phase) =>
      (phase.invariants?.violations ?? []).map((line) => `  ${phase.name}: ${line}`),
    ),
    '',
    'Notes:',
    ...notesOf(report.phases, report.workerBurst).map((note) => `  ${note}`),
  ].join('\n');
};

/** The same run as Markdown, for bench/results/<timestamp>.md. */
export const renderMarkdown = (report: BenchReport, chartFile: string) => {
  const row = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
  return [
    `# Sellout benchmark, ${report.startedAt}`,
    '',
    `${report.mode} run, ${report.settings.warmupSeconds} s warm-up + ${report.settings.seconds} s per phase, ${report.settings.connections} connections (the buyer flow 200), order worker ${report.settings.worker}, commit ${report.machine.commit}, hono ${report.machine.hono.shop} (shop) / ${report.machine.hono.bare} (bare).`,
    '',
    machineLine(report),
    '',
    `![req/s and p99 per phase](${chartFile})`,
    '',
    row(['phase', 'what', ...HEADINGS.slice(1)]),
    row(['---', '---', ...HEADINGS.slice(1).map((_, i) => (i >= 10 ? '---' : '---:'))]),
    ...report.phases.map((phase) => {
      const [name, ...rest] = columns(phase);
      return row([name!, phase.title, ...rest]);
    }),
    '',
    '## Ratios',
    '',
    row(['ratio', 'value', 'bare phase']),
    row(['---', '---:', '---']),
    ...report.ratios.map((ratio) =>
      row([ratio.label.trim(), fmtRatio(ratio), ratio.denominator ?? '']),
    ),
    '',
    invariantsLine(report),
    '',
    ...report.phases.flatMap((phase) =>
      (phase.invariants?.violations ?? []).map((line) => `- ${phase.name}: ${line}`),
    ),
    '',
    '## Notes',
    '',
    ...notesOf(report.phases, report.workerBurst).map((note) => `- ${note}`),
  ].join('\n');
};
