import type { Locale, Step } from '../../curriculum/schema';
import { say } from '../../dialogs/catalogue';
import type { ProgrammeIndex } from '../../dialogs/programmeIndex';
import { sdgLabel } from '../../dialogs/sdgs';
import type { AnswerRecord, LearnerRecord, ProgressRecord } from '../records';
import type { DeliveryRecord } from './advisorRecords';
import type { LearnerThread } from '../ports/notesStore';

/** One answer as the advisor reads it: under its question, with the feedback the learner got. */
export interface AnswerView {
  readonly moduleId: string;
  readonly lessonId: string;
  readonly stepId: string;
  readonly question: string;
  readonly answer: string;
  readonly feedback?: string;
  /** Quiz answers: right or wrong. */
  readonly correct?: boolean;
  readonly at: string;
  /** Earlier answers to the same question (the learner went back and answered again). */
  readonly earlier: readonly string[];
}

export interface LessonView {
  readonly id: string;
  readonly title: string;
  readonly status: 'not-started' | 'in-progress' | 'completed';
  readonly answers: readonly AnswerView[];
}

export interface ModuleView {
  readonly id: string;
  readonly title: string;
  readonly lessonsDone: number;
  readonly lessonCount: number;
  readonly lessons: readonly LessonView[];
}

export interface ArtefactView {
  readonly id: string;
  readonly title: string;
  readonly fields: readonly { readonly id: string; readonly label: string; readonly value: string }[];
}

/** Everything the learner page shows, in the advisor's language. */
export interface LearnerDetail {
  readonly learner: LearnerRecord;
  readonly modules: readonly ModuleView[];
  readonly artefacts: readonly ArtefactView[];
  readonly sdgs: { readonly main: string; readonly secondary: readonly string[] } | null;
  readonly thread: LearnerThread;
  readonly deliveries: ReadonlyMap<string, DeliveryRecord>;
  readonly lastActiveAt: string | null;
}

/** Builds the learner page's content from what the stores hold, following the organisation's programme. */
export function learnerDetailOf(input: {
  learner: LearnerRecord;
  progress: ProgressRecord | null;
  answers: readonly AnswerRecord[];
  thread: LearnerThread;
  deliveries: readonly DeliveryRecord[];
  index: ProgrammeIndex;
  locale: Locale;
}): LearnerDetail {
  const { index, locale, progress } = input;
  const byStep = new Map<string, AnswerRecord[]>();
  for (const record of input.answers) {
    const key = `${record.moduleId}/${record.lessonId}/${record.stepId}`;
    byStep.set(key, [...(byStep.get(key) ?? []), record]);
  }
  let sdgs: LearnerDetail['sdgs'] = null;
  const modules = index.modules.map((module): ModuleView => {
    const lessons = module.lessons.map((lesson): LessonView => {
      const answers: AnswerView[] = [];
      for (const step of lesson.steps) {
        const records = byStep.get(`${module.id}/${lesson.id}/${step.id}`);
        const latest = records?.[records.length - 1];
        if (!latest || !('prompt' in step)) continue;
        if (step.kind === 'sdg' && Array.isArray(latest.answer)) {
          const [main, ...secondary] = latest.answer.map(Number);
          if (main) sdgs = { main: sdgLabel(main, locale), secondary: secondary.map((goal) => sdgLabel(goal, locale)) };
        }
        answers.push({
          moduleId: module.id,
          lessonId: lesson.id,
          stepId: step.id,
          question: step.prompt[locale],
          answer: answerText(step, latest, locale),
          ...(latest.feedback ? { feedback: latest.feedback } : {}),
          ...(latest.correct === undefined ? {} : { correct: latest.correct }),
          at: latest.at,
          earlier: (records ?? []).slice(0, -1).map((r) => answerText(step, r, locale)),
        });
      }
      return {
        id: lesson.id,
        title: lesson.title[locale],
        status: progress?.summary.modules[module.id]?.lessons[lesson.id]?.status ?? 'not-started',
        answers,
      };
    });
    return {
      id: module.id,
      title: module.title[locale],
      lessonsDone: lessons.filter((l) => l.status === 'completed').length,
      lessonCount: lessons.length,
      lessons,
    };
  });
  const filled = progress?.summary.artefacts ?? {};
  const artefacts = index.curriculum.artefacts
    .filter((artefact) => filled[artefact.id])
    .map((artefact) => ({
      id: artefact.id,
      title: artefact.title[locale],
      fields: artefact.fields.map((field) => ({ id: field.id, label: field.label[locale], value: filled[artefact.id]?.[field.id] ?? '' })),
    }));
  return {
    learner: input.learner,
    modules,
    artefacts,
    sdgs,
    thread: input.thread,
    deliveries: new Map(input.deliveries.map((d) => [d.noteId, d])),
    lastActiveAt: progress?.updatedAt ?? null,
  };
}

/** An answer from the answer log as text, in the advisor's language. */
export function answerText(step: Step, record: Pick<AnswerRecord, 'answer'>, locale: Locale): string {
  const { answer } = record;
  if (answer === '' || (Array.isArray(answer) && answer.length === 0)) return say(locale, 'skipped');
  const options = 'options' in step ? step.options : [];
  const label = (id: string) => options.find((o) => o.id === id)?.text[locale] ?? id;
  switch (step.kind) {
    case 'choice':
    case 'quiz':
      return (Array.isArray(answer) ? answer.map(String) : [String(answer)]).map(label).join(', ');
    case 'scale':
      return `${String(answer)}/5`;
    case 'sdg': {
      const [main, ...secondary] = (Array.isArray(answer) ? answer : [answer]).map(Number);
      const rest = secondary.map((goal) => sdgLabel(goal, locale)).join(', ') || say(locale, 'none');
      return say(locale, 'sdgRecorded', { main: sdgLabel(main ?? 0, locale), secondary: rest });
    }
    default:
      return Array.isArray(answer) ? answer.join(', ') : String(answer);
  }
}
