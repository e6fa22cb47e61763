import autocannon from 'autocannon';
import { openModelAgent, runOpenModel } from './open-model';
import type { FromGenerator, PhaseMeasurement, PhaseSpec, ToGenerator } from './protocol';
import { sampleBuffer, summarizeLatencies } from './stats';
import { type AnswerLog, buyerFlow, type FlowContext, requestSource } from './workloads';

/**
 * The benchmark's load generator: its own process (pinned to its own core by `bench.ts`), told
 * over IPC which phase to run, answering with what it measured. It never shares a thread or a
 * core with the server it measures, so the server is what runs out first.
 */
const send = (message: FromGenerator) => process.send?.(message);

type Run = {
  seconds: number;
  answered: number;
  latencies: Float64Array;
  statuses: Record<string, number>;
  errors: number;
  open?: PhaseMeasurement['open'];
};
type Log = AnswerLog & { flowMs: number[] };

const TIMEOUT_SECONDS = 10;

/** autocannon's request list for a workload: prebuilt where nothing varies, hooks where it does. */
const autocannonRequests = (spec: PhaseSpec, log: Log): autocannon.Request[] => {
  const { workload } = spec;
  switch (workload.kind) {
    case 'get':
      return workload.paths.map((path) => ({ method: 'GET', path }));
    case 'post-json':
      return [
        {
          method: 'POST',
          path: workload.path,
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(workload.body),
        },
      ];
    case 'buyer-flow':
      return buyerFlow(workload.productIds, log).map((step) => ({
        setupRequest: (request, context) => {
          const outgoing = step.request(context as FlowContext);
          // A falsy answer is autocannon's way to restart the chain (a new buyer).
          return outgoing ? Object.assign(request, outgoing) : (null as unknown as typeof request);
        },
        onResponse: (status, body, context) => step.onAnswer(status, body, context as FlowContext),
      }));
    default: {
      const source = requestSource(workload, log);
      return [
        {
          setupRequest: (request) => Object.assign(request, source.next()),
          onResponse: (status, body) => source.onAnswer(status, body),
        },
      ];
    }
  }
};

const runClosed = (
  spec: PhaseSpec,
  connections: number,
  seconds: number,
  log: Log,
  onSecond: (s: number, rate: number) => void,
) =>
  new Promise<Run>((resolve, reject) => {
    const latencies = sampleBuffer();
    const statuses: Record<string, number> = {};
    let elapsed = 0;
    let answered = 0;
    const instance = autocannon(
      {
        url: spec.origin,
        connections,
        duration: seconds,
        requests: autocannonRequests(spec, log),
        timeout: TIMEOUT_SECONDS,
      },
      (error, result) => {
        if (error) reject(error);
        else
          resolve({
            seconds: result.duration,
            answered,
            latencies: latencies.values(),
            statuses,
            errors: result.errors,
          });
      },
    );
    // autocannon's own histogram keeps whole milliseconds; these samples keep the fraction.
    instance.on('response', (_client, status, _bytes, ms) => {
      answered++;
      latencies.push(ms);
      statuses[status] = (statuses[status] ?? 0) + 1;
    });
    // A request that timed out kept its buyer waiting at least that long: it counts, at the
    // timeout, rather than vanishing from the percentiles of an overloaded server.
    instance.on('reqError', (error: Error) => {
      if (error.message === 'request timed out') latencies.push(TIMEOUT_SECONDS * 1000);
    });
    // The typings declare 'tick' without its argument; autocannon passes the last second's count.
    (instance as NodeJS.EventEmitter).on('tick', (tick: { counter: number }) =>
      onSecond(++elapsed, tick.counter),
    );
  });

const runPhase = async (spec: PhaseSpec): Promise<PhaseMeasurement> => {
  const log: Log = { acknowledged: [], flowMs: [] };
  const agent = spec.load.model === 'open' ? openModelAgent() : null;
  const drive = async (stage: 'warm-up' | 'measure', seconds: number): Promise<Run> => {
    const onSecond = (elapsedSeconds: number, rate: number) =>
      send({
        type: 'progress',
        name: spec.name,
        stage,
        elapsedSeconds,
        totalSeconds: seconds,
        rate,
      });
    onSecond(0, 0);
    if (spec.load.model === 'closed')
      return runClosed(spec, spec.load.connections, seconds, log, onSecond);
    const { rate } = spec.load;
    const run = await runOpenModel({
      origin: spec.origin,
      source: requestSource(spec.workload, log),
      rate,
      seconds,
      agent: agent!,
      onSecond,
    });
    return {
      ...run,
      open: {
        targetRate: rate,
        sent: run.sent,
        sentRate: run.sent / seconds,
        lateSends: run.lateSends,
        peakInFlight: run.peakInFlight,
      },
    };
  };

  try {
    if (spec.warmupSeconds > 0) await drive('warm-up', spec.warmupSeconds);
    log.flowMs = [];
    const cpuBefore = process.cpuUsage();
    const run = await drive('measure', spec.seconds);
    const cpu = process.cpuUsage(cpuBefore);
    const responses = run.answered;
    return {
      name: spec.name,
      seconds: run.seconds,
      responses,
      rate: responses / run.seconds,
      latency: summarizeLatencies(run.latencies),
      statuses: run.statuses,
      errors: run.errors,
      acknowledgedOrderIds: log.acknowledged,
      generatorCpu: (cpu.user + cpu.system) / 1e6 / run.seconds,
      ...(spec.workload.kind === 'buyer-flow'
        ? {
            flows: {
              completed: log.flowMs.length,
              rate: log.flowMs.length / run.seconds,
              latency: summarizeLatencies(log.flowMs),
            },
          }
        : {}),
      ...(run.open ? { open: run.open } : {}),
    };
  } finally {
    agent?.destroy();
  }
};

process.on('message', (message: ToGenerator) => {
  if (message.type === 'exit') {
    process.disconnect();
    return;
  }
  runPhase(message.spec).then(
    (result) => send({ type: 'result', result }),
    (error: unknown) => send({ type: 'failed', message: String(error) }),
  );
});
send({ type: 'ready' });
