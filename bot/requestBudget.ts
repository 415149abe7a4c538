import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * How long the request being handled may still wait on the database, in all. A learner's message makes several store
 * operations one after another (the delivery claim, the turn's reads and writes, the web chat's replies); each has its
 * own deadline, and the request's budget bounds their sum, so a silent database costs the learner one budget rather
 * than one deadline per operation. The budget travels with the request's asynchronous work (AsyncLocalStorage), so the
 * store ports need no deadline parameter; work that outlives the request (the AI coach's reply, the answer log's
 * append after the reply) leaves it with `outsideRequestBudget`.
 */
const budgets = new AsyncLocalStorage<number>();

/** Runs `task` with its store operations bounded by `budgetMs` in all (and by an enclosing budget ending sooner). */
export function withinRequestBudget<T>(budgetMs: number, task: () => Promise<T>): Promise<T> {
  const ends = Math.min(budgets.getStore() ?? Infinity, performance.now() + budgetMs);
  return budgets.run(ends, task);
}

/** Runs `task` with no request budget: work started by a request that goes on after it has been answered. */
export function outsideRequestBudget<T>(task: () => T): T {
  return budgets.exit(task);
}

/** How long one operation may take: `limitMs`, or what is left of the request's budget when that is less (0: spent). */
export function operationTimeLeft(limitMs: number): number {
  const ends = budgets.getStore();
  return ends === undefined ? limitMs : Math.max(0, Math.min(limitMs, ends - performance.now()));
}
