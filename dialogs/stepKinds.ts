import type { Step } from '../curriculum/schema';

/**
 * Steps the learner reads and passes with "Next" without answering: teaching, the worked example, and the
 * bot's calculations. "Back" passes over them, and they are never waiting for an answer.
 */
export function isPresentationStep(step: Step): boolean {
  return step.kind === 'teach' || step.kind === 'example' || step.kind === 'calculation';
}

/** Steps whose answer the learner gives and the summary lists (everything but presentation steps and the summary). */
export function isAnsweredStep(step: Step): boolean {
  return !isPresentationStep(step) && step.kind !== 'summary';
}
