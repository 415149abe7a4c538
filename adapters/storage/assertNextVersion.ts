import type { ProgressRecord } from '../../bot/records';

/** Enforces the port's rule that a saved progress record carries expectedVersion + 1 (or 1 for the first save). */
export function assertNextVersion(record: ProgressRecord, expectedVersion: number | null): void {
  const required = expectedVersion === null ? 1 : expectedVersion + 1;
  if (record.version !== required) {
    throw new TypeError(
      `progress of learner ${record.learnerId} has version ${record.version}; saving over version ${expectedVersion ?? 'none'} requires ${required}`,
    );
  }
}
