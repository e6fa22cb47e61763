import { describe, expect, it } from 'vitest';
import { mapWithConcurrency, percentile, sampleBuffer, summarizeLatencies } from './stats';

describe('benchmark statistics', () => {
  it('takes percentiles by nearest rank', () => {
    const samples = Array.from({ length: 100 }, (_, i) => 100 - i);
    expect(percentile(samples, 50)).toBe(50);
    expect(percentile(samples, 99)).toBe(99);
    expect(percentile(samples, 100)).toBe(100);
    expect(percentile([7], 99)).toBe(7);
    expect(percentile([], 50)).toBeNaN();
  });

  it('runs every item, never more than the limit at once, results in order', async () => {
    let running = 0;
    let peak = 0;
    const results = await mapWithConcurrency(
      Array.from({ length: 20 }, (_, i) => i),
      3,
      async (item) => {
        running++;
        peak = Math.max(peak, running);
        await new Promise((resolve) => setTimeout(resolve, 1));
        running--;
        return item * 2;
      },
    );
    expect(results).toEqual(Array.from({ length: 20 }, (_, i) => i * 2));
    expect(peak).toBe(3);
  });

  it('summarizes latencies by nearest rank, from a buffer that grows as samples come', () => {
    const buffer = sampleBuffer();
    for (let i = 1000; i >= 1; i--) buffer.push(i / 10);
    expect(buffer.length).toBe(1000);
    const summary = summarizeLatencies(buffer.values());
    expect(summary).toMatchObject({ p50: 50, p90: 90, p99: 99, p99_9: 99.9, max: 100 });
    expect(summary.mean).toBeCloseTo(50.05, 9);
    expect(summarizeLatencies([])).toEqual({ p50: 0, p90: 0, p99: 0, p99_9: 0, max: 0, mean: 0 });
  });
});
