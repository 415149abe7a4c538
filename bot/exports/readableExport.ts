import type { ArtefactDefinition, Curriculum, Lesson, Locale, ProgrammeModule, Step } from '../../curriculum/schema';
import { sayPlain } from '../../dialogs/catalogue';
import type { Organisation } from '../organisations/organisation';
import type { LearnerExport } from '../ports/store';
import type { AnswerRecord } from '../records';
import { describeLoggedAnswer } from './describeLoggedAnswer';
import { readableAdvisorPart, type ReadableAdvisorPart } from './readableAdvisorPart';
import { ventureLineOf } from './ventureLine';

/**
 * "Export my data" as a person reads it, in the learner's language: who they are to the programme, how far they have
 * come, what they have built and every answer they gave with its question and feedback. Plain text throughout; the
 * document that shows it escapes it.
 */
export interface ReadableExport {
  readonly locale: Locale;
  readonly title: string;
  readonly intro: string;
  readonly aboutYou: { readonly heading: string; readonly facts: readonly Fact[] };
  readonly progress: { readonly heading: string; readonly modules: readonly ModuleProgress[] };
  readonly artefacts: { readonly heading: string; readonly items: readonly ArtefactView[] };
  readonly answers: { readonly heading: string; readonly empty: string; readonly modules: readonly AnsweredModule[] };
  readonly labels: { readonly feedback: string; readonly nothingYet: string };
  /** Notes from advisors, requests and who viewed the record, when the advisor side runs. */
  readonly advisors?: ReadableAdvisorPart;
}

export interface Fact {
  readonly label: string;
  readonly value: string;
}
export interface ModuleProgress {
  readonly title: string;
  readonly line: string;
  readonly percent: number;
}
export interface ArtefactView {
  readonly title: string;
  readonly fields: readonly Fact[];
}
export interface AnsweredModule {
  readonly title: string;
  readonly lessons: readonly { readonly title: string; readonly answers: readonly AnswerView[] }[];
}
export interface AnswerView {
  readonly question: string;
  readonly answer: string;
  /** Why the answer is special: not applied, correct or not, an advisor request. */
  readonly note?: string;
  readonly feedback?: string;
  readonly at: string;
}

/** Markdown emphasis, code and link syntax removed, for content shown as plain text. */
function plainContent(text: string): string {
  return text
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\*\*|__|`/g, '')
    .replace(/(^|\s)[*_]([^*_]+)[*_](?=\s|[.,;:!?]|$)/g, '$1$2');
}

function dateOf(iso: string | undefined, locale: Locale): string {
  if (!iso) return '–';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleDateString(locale === 'sv' ? 'sv-SE' : 'en-GB', { dateStyle: 'long', timeZone: 'UTC' });
}

function questionOf(step: Step | undefined, locale: Locale): string {
  if (!step) return sayPlain(locale, 'exportRemovedStep');
  return plainContent('prompt' in step ? step.prompt[locale] : step.text[locale]);
}

function answerView(record: AnswerRecord, step: Step | undefined, locale: Locale): AnswerView {
  const at = dateOf(record.at, locale);
  if (record.stepKind === 'advisor-request') return { question: sayPlain(locale, 'exportAdvisorRequest'), answer: '', at };
  const given = record.answer === '' ? sayPlain(locale, 'skipped') : describeLoggedAnswer(record, step, locale);
  const note =
    record.stepKind === 'not-applied'
      ? sayPlain(locale, 'exportNotApplied')
      : record.correct === undefined
        ? undefined
        : sayPlain(locale, record.correct ? 'exportCorrect' : 'exportIncorrect');
  return {
    question: questionOf(step, locale),
    answer: given,
    ...(note ? { note } : {}),
    ...(record.feedback ? { feedback: record.feedback } : {}),
    at,
  };
}

function findLesson(curriculum: Curriculum, moduleId: string, lessonId: string): { module?: ProgrammeModule; lesson?: Lesson } {
  const module = curriculum.modules.find((m) => m.id === moduleId);
  return { module, lesson: module?.lessons.find((l) => l.id === lessonId) };
}

/** The answer log grouped by module and lesson, in the order the learner first answered in each. */
function answeredModules(curriculum: Curriculum, answers: readonly AnswerRecord[], locale: Locale): AnsweredModule[] {
  type LessonGroup = { title: string; answers: AnswerView[] };
  const modules = new Map<string, { title: string; lessons: Map<string, LessonGroup> }>();
  for (const record of answers) {
    const { module, lesson } = findLesson(curriculum, record.moduleId, record.lessonId);
    const moduleKey = record.moduleId || '-';
    const moduleGroup = modules.get(moduleKey) ?? {
      title: module?.title[locale] ?? (record.moduleId || sayPlain(locale, 'exportOther')),
      lessons: new Map<string, LessonGroup>(),
    };
    modules.set(moduleKey, moduleGroup);
    const lessonKey = record.lessonId || '-';
    const lessonGroup = moduleGroup.lessons.get(lessonKey) ?? { title: lesson?.title[locale] ?? record.lessonId, answers: [] };
    moduleGroup.lessons.set(lessonKey, lessonGroup);
    lessonGroup.answers.push(
      answerView(
        record,
        lesson?.steps.find((s) => s.id === record.stepId),
        locale,
      ),
    );
  }
  return [...modules.values()].map((m) => ({ title: m.title, lessons: [...m.lessons.values()] }));
}

function moduleProgress(curriculum: Curriculum, exported: LearnerExport, locale: Locale): ModuleProgress[] {
  const summary = exported.progress?.summary.modules ?? {};
  return curriculum.modules
    .filter((m) => summary[m.id])
    .map((module) => {
      const lessons = Object.values(summary[module.id]!.lessons);
      const done = lessons.filter((l) => l.status === 'completed').length;
      const steps = lessons.reduce((sum, l) => sum + l.stepsDone, 0);
      const stepCount = lessons.reduce((sum, l) => sum + l.stepCount, 0);
      return {
        title: module.title[locale],
        line: sayPlain(locale, 'exportLessonsDone', { done, total: module.lessons.length }),
        percent: stepCount === 0 ? 0 : Math.round((steps / stepCount) * 100),
      };
    })
    .filter((m) => m.percent > 0);
}

function artefactViews(definitions: readonly ArtefactDefinition[], exported: LearnerExport, locale: Locale): ArtefactView[] {
  const filled = exported.progress?.summary.artefacts ?? {};
  return definitions
    .filter((a) => filled[a.id])
    .map((artefact) => ({
      title: artefact.title[locale],
      fields: artefact.fields.map((f) => ({ label: f.label[locale], value: filled[artefact.id]?.[f.id] ?? '–' })),
    }));
}

export function readableExport(
  exported: LearnerExport,
  curriculum: Curriculum,
  organisation: Organisation,
  now: Date,
  fallbackLocale: Locale,
): ReadableExport {
  const { learner } = exported;
  const locale = learner.locale ?? fallbackLocale;
  const yesNo = (value: boolean | undefined) => sayPlain(locale, value ? 'exportYes' : 'exportNo');
  const ventureLine = ventureLineOf(exported.progress);
  const facts: Fact[] = [
    { label: sayPlain(locale, 'exportFirstName'), value: learner.displayName ?? '–' },
    { label: sayPlain(locale, 'exportVentureName'), value: learner.ventureName ?? '–' },
    { label: sayPlain(locale, 'exportVentureLine'), value: ventureLine ?? '–' },
    { label: sayPlain(locale, 'exportLanguage'), value: sayPlain(locale, locale === 'sv' ? 'languageSwedish' : 'languageEnglish') },
    {
      label: sayPlain(locale, 'exportConsent'),
      value: learner.consentedAt ? sayPlain(locale, 'exportConsentGiven', { date: dateOf(learner.consentedAt, locale) }) : '–',
    },
    { label: sayPlain(locale, 'exportSharing'), value: yesNo(learner.sharesWithAdvisors) },
    {
      label: sayPlain(locale, 'exportChannels'),
      value: [...new Set(learner.identities.map((i) => (i.channel === 'msteams' ? 'Microsoft Teams' : 'Web')))].join(', '),
    },
  ];
  return {
    locale,
    title: sayPlain(locale, 'exportTitle'),
    intro: sayPlain(locale, 'exportIntro', { organisation: organisation.name[locale], date: dateOf(now.toISOString(), locale) }),
    aboutYou: { heading: sayPlain(locale, 'exportAboutYou'), facts },
    progress: { heading: sayPlain(locale, 'exportProgress'), modules: moduleProgress(curriculum, exported, locale) },
    artefacts: { heading: sayPlain(locale, 'exportArtefacts'), items: artefactViews(curriculum.artefacts, exported, locale) },
    answers: {
      heading: sayPlain(locale, 'exportAnswers'),
      empty: sayPlain(locale, 'exportNoAnswers'),
      modules: answeredModules(curriculum, exported.answers, locale),
    },
    labels: { feedback: sayPlain(locale, 'exportFeedback'), nothingYet: sayPlain(locale, 'exportNothingYet') },
    ...(exported.advisors ? { advisors: readableAdvisorPart(exported.advisors, locale, (iso) => dateOf(iso, locale)) } : {}),
  };
}
