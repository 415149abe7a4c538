import { appendFileSync, mkdirSync } from 'node:fs';
import { basename, join } from 'node:path';

/** Where tests leave the figures test/support/findingsReporter.js prints after each test file. */
export const FINDINGS_DIR = join(__dirname, '..', '..', '.tmp', 'findings');

/**
 * Records one line of what a test tried and what held ("50 × alg none: 401 ×50, p50 4 ms, max 19 ms"). The reporter
 * prints the lines under the test file's name once it has run, past jest's own output and any console routing.
 */
export function recordFinding(line: string): void {
  const testPath = expect.getState().testPath ?? 'unknown';
  mkdirSync(FINDINGS_DIR, { recursive: true });
  appendFileSync(join(FINDINGS_DIR, `${basename(testPath)}.txt`), `${line}\n`);
}

/** Latency figures of a set of durations in milliseconds: "p50 4 ms, p95 12 ms, max 19 ms". */
export function latencySummary(durationsMs: readonly number[]): string {
  const sorted = [...durationsMs].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  return `p50 ${at(0.5).toFixed(0)} ms, p95 ${at(0.95).toFixed(0)} ms, max ${(sorted.at(-1) ?? 0).toFixed(0)} ms`;
}

/** "401 ×48, 503 ×2". */
export function statusSummary(statuses: readonly number[]): string {
  const counts = new Map<number, number>();
  for (const status of statuses) counts.set(status, (counts.get(status) ?? 0) + 1);
  return [...counts.entries()]
    .sort(([a], [b]) => a - b)
    .map(([status, count]) => `${status} ×${count}`)
    .join(', ');
}
