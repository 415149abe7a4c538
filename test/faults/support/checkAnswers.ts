import type { Store } from '../../../bot/ports/store';
import type { AnswerLoop } from './answerLoop';

/**
 * What the store holds of the acknowledged answers: each must be in the answer log exactly once. And the log must be
 * complete against the progress: every text answer the conversation holds is in the log too (committed but never
 * acknowledged, as when the bot died between the commit and its reply, still counts).
 */
export async function checkAcknowledged(
  store: Store,
  loops: readonly AnswerLoop[],
): Promise<{ acknowledged: number; lost: string[]; doubled: string[]; notInLog: string[] }> {
  const lost: string[] = [];
  const doubled: string[] = [];
  const notInLog: string[] = [];
  let acknowledged = 0;
  for (const loop of loops) {
    const learner = await store.findLearner({ channel: 'test', userId: loop.learner.userId }, 'demo');
    const answers = learner ? await store.listAnswers(learner.id) : [];
    const progress = learner ? await store.loadProgress(learner.id) : null;
    const held = (progress?.conversation as { snapshot?: { context?: { answers?: Record<string, { kind: string; text?: string }> } } })?.snapshot
      ?.context?.answers;
    for (const answer of Object.values(held ?? {})) {
      if (answer.kind === 'text' && !answers.some((logged) => logged.answer === answer.text)) notInLog.push(answer.text ?? '');
    }
    for (const answer of loop.acknowledged) {
      acknowledged += 1;
      const found = answers.filter((logged) => logged.activityId === answer.activityId && logged.answer === answer.text);
      if (found.length === 0) lost.push(answer.text);
      if (found.length > 1) doubled.push(answer.text);
    }
  }
  return { acknowledged, lost, doubled, notInLog };
}
