import { operationTimeLeft } from '../../../bot/requestBudget';

/** Rejects with `timeoutError()` when the task has not settled within `ms`; the task itself is left to finish. */
async function withDeadline<T>(task: Promise<T>, ms: number, timeoutError: () => Error): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(timeoutError()), ms);
  });
  task.catch(() => undefined); // a late failure after the deadline is not an unhandled rejection
  try {
    return await Promise.race([task, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Runs one database operation within `limitMs` (Infinity: no limit of its own), or within what is left of the
 * request's budget when that is less; an operation whose request has no time left is not started.
 */
export async function withinOperationDeadline<T>(limitMs: number, task: () => Promise<T>): Promise<T> {
  const ms = operationTimeLeft(limitMs);
  // Under a millisecond left is spent: timers fire on whole milliseconds, so such an operation could only time out.
  if (ms < 1) throw new Error('the request has used up its time for the database');
  if (!Number.isFinite(ms)) return task();
  return withDeadline(task(), ms, () => new Error(`no answer from the database within ${Math.round(ms)} ms`));
}
