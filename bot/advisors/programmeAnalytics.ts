import type { Locale } from '../../curriculum/schema';
import type { ProgrammeIndex } from '../../dialogs/programmeIndex';
import type { CohortEntry } from './advisorRecords';

/** A period of whole days, both ends included (YYYY-MM-DD). */
export interface Period {
  readonly from: string;
  readonly to: string;
}

export interface FunnelView {
  readonly moduleId: string;
  readonly title: string;
  /** "Started", then each lesson done, in order. */
  readonly steps: readonly { readonly label: string; readonly count: number }[];
}

export interface ProgrammeAnalytics {
  /** Sharing learners active in the period (the population of every chart). */
  readonly learners: number;
  readonly funnels: readonly FunnelView[];
  /** Steps where learners currently stand in an unfinished lesson: where they stop, most first. */
  readonly dropOff: readonly { readonly label: string; readonly count: number }[];
  /** Quiz questions by share of right answers, hardest first. */
  readonly quizAccuracy: readonly { readonly label: string; readonly right: number; readonly answered: number }[];
  /** Active learners per week (weeks start on Monday). */
  readonly activity: readonly { readonly week: string; readonly learners: number }[];
}

const TOP = 10;

/**
 * The programme's figures for an organisation over a period, from the cohort entries alone (no answer log is read):
 * completion funnel per module, where learners stop, which quiz questions most get wrong, activity per week.
 */
export function programmeAnalytics(entries: readonly CohortEntry[], index: ProgrammeIndex, period: Period, locale: Locale): ProgrammeAnalytics {
  const active = entries.filter((e) => e.activeDays.some((day) => day >= period.from && day <= period.to));
  const funnels = index.modules.map((module) => ({
    moduleId: module.id,
    title: module.title[locale],
    steps: [
      { label: locale === 'sv' ? 'Påbörjat' : 'Started', count: active.filter((e) => e.startedModules.includes(module.id)).length },
      ...module.lessons.map((lesson) => ({
        label: lesson.title[locale],
        count: active.filter((e) => e.lessons[`${module.id}/${lesson.id}`] === 'completed').length,
      })),
    ],
  }));

  const stops = new Map<string, number>();
  for (const entry of active) {
    if (!entry.position) continue;
    const [moduleId = '', lessonId = ''] = entry.position.split('/');
    if (entry.lessons[`${moduleId}/${lessonId}`] === 'in-progress') stops.set(entry.position, (stops.get(entry.position) ?? 0) + 1);
  }
  const dropOff = [...stops]
    .map(([position, count]) => ({ label: stepLabel(index, position, locale), count }))
    .sort((a, b) => b.count - a.count || a.label.localeCompare(b.label))
    .slice(0, TOP);

  const quiz = new Map<string, { right: number; answered: number }>();
  for (const entry of active) {
    for (const [step, correct] of Object.entries(entry.quiz)) {
      const tally = quiz.get(step) ?? { right: 0, answered: 0 };
      quiz.set(step, { right: tally.right + (correct ? 1 : 0), answered: tally.answered + 1 });
    }
  }
  const quizAccuracy = [...quiz]
    .map(([step, tally]) => ({ label: stepLabel(index, step, locale), ...tally }))
    .sort((a, b) => a.right / a.answered - b.right / b.answered || b.answered - a.answered)
    .slice(0, TOP);

  const weeks = new Map<string, Set<string>>();
  for (let day = mondayOf(period.from); day <= period.to; day = addDays(day, 7)) weeks.set(day, new Set());
  for (const entry of active) {
    for (const day of entry.activeDays) if (day >= period.from && day <= period.to) weeks.get(mondayOf(day))?.add(entry.learnerId);
  }
  const activity = [...weeks].map(([week, learners]) => ({ week, learners: learners.size }));
  return { learners: active.length, funnels, dropOff, quizAccuracy, activity };
}

/** "Module › Lesson: question" for a "module/lesson/step" key. */
function stepLabel(index: ProgrammeIndex, key: string, locale: Locale): string {
  const [moduleId = '', lessonId = '', stepId = ''] = key.split('/');
  const lesson = index.lesson(moduleId, lessonId);
  const step = index.step({ moduleId, lessonId, stepId });
  const number = index.stepIndex({ moduleId, lessonId, stepId }) + 1;
  const what = step && 'prompt' in step ? excerpt(step.prompt[locale]) : `${locale === 'sv' ? 'steg' : 'step'} ${number}`;
  return lesson ? `${lesson.title[locale]} (${number}): ${what}` : key;
}

function excerpt(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length <= 80 ? line : `${line.slice(0, 79)}…`;
}

function mondayOf(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  return addDays(day, -((date.getUTCDay() + 6) % 7));
}

function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}
