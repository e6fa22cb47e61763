/** The value below which `p` percent of the samples fall (nearest rank). */
export const percentile = (samples: readonly number[], p: number) => {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[
    Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))
  ]!;
};

/** Runs `work` for every item with at most `limit` running at once. */
export const mapWithConcurrency = async <T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T, index: number) => Promise<R>,
) => {
  const results: R[] = new Array(items.length);
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]!, index);
    }
  });
  await Promise.all(lanes);
  return results;
};

export const fmt = (n: number, digits = 1) => n.toFixed(digits);

/** Percentiles (nearest rank), maximum and mean of latency samples in ms; zeros when empty. */
export const summarizeLatencies = (samples: ArrayLike<number>) => {
  const sorted = Float64Array.from(samples).sort();
  // The epsilon keeps 99.9 % of 1,000 at rank 999: in floating point it is 999.0000000000001.
  const rank = (p: number) => Math.ceil((p / 100) * sorted.length - 1e-9);
  const at = (p: number) =>
    sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.max(0, rank(p) - 1))]!;
  let sum = 0;
  for (const sample of sorted) sum += sample;
  return {
    p50: at(50),
    p90: at(90),
    p99: at(99),
    p99_9: at(99.9),
    max: sorted.length === 0 ? 0 : sorted[sorted.length - 1]!,
    mean: sorted.length === 0 ? 0 : sum / sorted.length,
  };
};

/** A growable list of numbers that does not box each one (a run collects millions). */
export const sampleBuffer = () => {
  let values = new Float64Array(1024);
  let length = 0;
  return {
    push(value: number) {
      if (length === values.length) {
        const grown = new Float64Array(values.length * 2);
        grown.set(values);
        values = grown;
      }
      values[length++] = value;
    },
    values: () => values.subarray(0, length),
    get length() {
      return length;
    },
  };
};
