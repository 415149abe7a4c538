import type { AnswerRecord } from '../../bot/records';

/**
 * The answers a progress document's outbox (pendingAnswers) holds that the answer log lacks: committed with a turn
 * whose append to the log never happened. A store's listAnswers appends them and lists them, so the log it reads is
 * complete.
 */
export function missingFromLog(logged: readonly AnswerRecord[], pending: readonly AnswerRecord[] | undefined): AnswerRecord[] {
  if (!pending?.length) return [];
  const loggedIds = new Set(logged.map((answer) => answer.activityId));
  return pending.filter((answer) => !loggedIds.has(answer.activityId));
}
