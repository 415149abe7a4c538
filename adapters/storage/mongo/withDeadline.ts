/** Rejects with `timeoutError()` when the task has not settled within `ms`; the task itself is left to finish. */
export async function withDeadline<T>(task: Promise<T>, ms: number, timeoutError: () => Error): Promise<T> {
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
