import type { LearnerRecord, ProgressRecord } from '../records';
import { RECORD_SCHEMA_VERSION } from '../records';
import type { CohortEntry } from './advisorRecords';
import { searchTerms } from './searchTerms';

/**
 * The learner's cohort entry, projected from the learner record and the progress the turn just committed: the names
 * and consent the learner gave, the channels they use, and the progress summary per module and lesson. `now` is the
 * turn's time (last active, and the day added to the active days).
 */
export function cohortEntryOf(learner: LearnerRecord, progress: ProgressRecord | null, now: Date): CohortEntry {
  const modules: CohortEntry['modules'] = {};
  const lessons: CohortEntry['lessons'] = {};
  let lessonsDone = 0;
  let quizCorrect = 0;
  let quizTotal = 0;
  for (const [moduleId, module] of Object.entries(progress?.summary.modules ?? {})) {
    const statuses = Object.entries(module.lessons);
    const done = statuses.filter(([, lesson]) => lesson.status === 'completed').length;
    modules[moduleId] = { done, count: statuses.length };
    lessonsDone += done;
    for (const [lessonId, lesson] of statuses) {
      if (lesson.status !== 'not-started') lessons[`${moduleId}/${lessonId}`] = lesson.status;
      quizCorrect += lesson.quizCorrect;
      quizTotal += lesson.status === 'not-started' ? 0 : lesson.quizTotal;
    }
  }
  const startedModules = [...new Set(Object.keys(lessons).map((key) => key.split('/')[0]!))];
  const context = conversationContextOf(progress);
  const position = context?.position;
  return {
    schemaVersion: RECORD_SCHEMA_VERSION,
    learnerId: learner.id,
    organisationId: learner.organisationId,
    sharesWithAdvisors: learner.sharesWithAdvisors === true,
    ...(learner.displayName ? { displayName: learner.displayName } : {}),
    ...(learner.ventureName ? { ventureName: learner.ventureName } : {}),
    sortName: (learner.displayName ?? '').toLocaleLowerCase('sv'),
    searchTerms: searchTerms(learner.displayName, learner.ventureName),
    ...(learner.locale ? { locale: learner.locale } : {}),
    channels: [...new Set(learner.identities.map((identity) => identity.channel))],
    lastActiveAt: progress?.updatedAt ?? now.toISOString(),
    activeDays: [(progress?.updatedAt ?? now.toISOString()).slice(0, 10)],
    lessonsDone,
    quizCorrect,
    quizTotal,
    startedModules,
    modules,
    lessons,
    ...(position ? { position: `${position.moduleId}/${position.lessonId}/${position.stepId}` } : {}),
    quiz: quizResultsOf(context),
    updatedAt: now.toISOString(),
  };
}

interface StoredContext {
  readonly position?: { moduleId: string; lessonId: string; stepId: string } | null;
  readonly answers?: Record<string, { kind?: string; correct?: boolean }>;
}

/** The conversation's context inside the stored snapshot, read loosely: the dialogs layer owns its shape. */
function conversationContextOf(progress: ProgressRecord | null): StoredContext | undefined {
  const snapshot = (progress?.conversation as { snapshot?: { context?: unknown } } | undefined)?.snapshot;
  const context = snapshot?.context;
  return context && typeof context === 'object' ? context : undefined;
}

function quizResultsOf(context: StoredContext | undefined): Record<string, boolean> {
  const results: Record<string, boolean> = {};
  for (const [key, answer] of Object.entries(context?.answers ?? {})) {
    if (answer?.kind === 'quiz' && typeof answer.correct === 'boolean') results[key] = answer.correct;
  }
  return results;
}
