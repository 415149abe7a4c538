import MiniSearch, { type SearchResult } from 'minisearch';
import { stemmer as englishStemmer } from '@orama/stemmers/english';
import { stemmer as swedishStemmer } from '@orama/stemmers/swedish';
import { eng, swe } from 'stopword';
import type { Lesson, Locale, ProgrammeModule } from '../../curriculum/schema';
import type { ProgrammeIndex } from '../../dialogs/programmeIndex';
import type { CoachPassage } from '../ports/coach';

/** How many lessons a question is answered from. */
const PASSAGES = 3;
/** A lesson scoring below this share of the best match is left out. */
const RELATIVE_CUTOFF = 0.35;

/** Words that say a message is a question but not what it is about. */
const QUESTION_WORDS: Record<Locale, readonly string[]> = {
  sv: ['betyder', 'betyda', 'menas', 'menar', 'förklara', 'exempel', 'fråga', 'undrar', 'förstår', 'skillnaden', 'räknar', 'gör', 'man'],
  en: ['mean', 'means', 'meant', 'explain', 'example', 'question', 'wonder', 'understand', 'difference', 'calculate', 'please'],
};

const STEMMERS: Record<Locale, (word: string) => string> = { sv: swedishStemmer, en: englishStemmer };

interface LessonDocument {
  readonly id: string;
  readonly moduleId: string;
  readonly lessonId: string;
  readonly title: string;
  readonly text: string;
}

/**
 * A small full-text index over the programme (MiniSearch, with Snowball stemming and stop words per language): finds
 * the lessons that best match a learner's question, across all the modules the organisation offers. A language's index
 * is built at its first question (both together cost about 45 ms of CPU, which most turns and tests never need).
 */
export class LessonSearch {
  private readonly indexes: Partial<Record<Locale, MiniSearch<LessonDocument>>> = {};

  constructor(private readonly programme: ProgrammeIndex) {}

  /** The lessons that best match `question` (best first, score relative to the best), or none. */
  find(question: string, locale: Locale, limit = PASSAGES): CoachPassage[] {
    const index = (this.indexes[locale] ??= this.build(locale));
    const results = index.search(question, {
      boost: { title: 2 },
      combineWith: 'OR',
      prefix: (term) => term.length >= 5,
      fuzzy: (term) => (term.length >= 6 ? 0.2 : false),
    });
    const best = results[0]?.score ?? 0;
    return results
      .filter((result) => result.score >= best * RELATIVE_CUTOFF)
      .slice(0, limit)
      .flatMap((result) => this.passage(result, best, locale));
  }

  private passage(result: SearchResult, best: number, locale: Locale): CoachPassage[] {
    const [moduleId = '', lessonId = ''] = String(result.id).split('/');
    const module = this.programme.module(moduleId);
    const lesson = this.programme.lesson(moduleId, lessonId);
    if (!module || !lesson) return [];
    return [{ ...describeLesson(module, lesson, locale), score: best > 0 ? result.score / best : 0 }];
  }

  private build(locale: Locale): MiniSearch<LessonDocument> {
    const stop = new Set([...(locale === 'sv' ? swe : eng), ...QUESTION_WORDS[locale]]);
    const stem = STEMMERS[locale];
    const search = new MiniSearch<LessonDocument>({
      fields: ['title', 'text'],
      storeFields: [],
      processTerm: (term) => {
        const word = term.toLocaleLowerCase(locale);
        return stop.has(word) || word.length < 2 ? null : stem(word);
      },
    });
    search.addAll(
      this.programme.modules.flatMap((module) =>
        module.lessons.map((lesson) => ({
          id: `${module.id}/${lesson.id}`,
          moduleId: module.id,
          lessonId: lesson.id,
          title: `${lesson.title[locale]} ${module.title[locale]}`,
          text: lessonText(lesson, locale),
        })),
      ),
    );
    return search;
  }
}

/** A lesson as a coach is given it: where it is, and what it teaches. */
export function describeLesson(module: ProgrammeModule, lesson: Lesson, locale: Locale) {
  return {
    moduleId: module.id,
    lessonId: lesson.id,
    moduleTitle: module.title[locale],
    lessonTitle: lesson.title[locale],
    teaching: lesson.steps.flatMap((step) => (step.kind === 'teach' || step.kind === 'example' ? [step.text[locale]] : [])),
  };
}

/** Everything a lesson says that a question could be about: its teaching, its questions and its quiz explanations. */
function lessonText(lesson: Lesson, locale: Locale): string {
  return lesson.steps
    .flatMap((step) => {
      switch (step.kind) {
        case 'teach':
        case 'example':
        case 'summary':
          return [step.text[locale]];
        case 'calculation':
          return [step.text[locale], ...step.lines.map((line) => line.label[locale])];
        case 'quiz':
          return [step.prompt[locale], ...step.options.map((o) => o.text[locale]), step.explanation.correct[locale]];
        case 'choice':
          return [step.prompt[locale], ...step.options.map((o) => o.text[locale])];
        default:
          return [step.prompt[locale]];
      }
    })
    .join('\n');
}
