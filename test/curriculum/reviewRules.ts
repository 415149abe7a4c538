import type { Curriculum, LocalizedText, QuizStep } from '../../curriculum/schema';
import { LOCALES } from '../../curriculum/schema';

/** A lesson's source, located as "module-id/lesson-id". */
export interface SourceAt {
  readonly where: string;
  readonly title: LocalizedText;
  readonly url: string;
}

/** A quiz, located as "module-id/lesson-id/step-id". */
export interface QuizAt {
  readonly where: string;
  readonly moduleId: string;
  readonly quiz: QuizStep;
}

export function sourcesOf(curriculum: Curriculum): SourceAt[] {
  return curriculum.modules.flatMap((m) => m.lessons.flatMap((l) => l.sources.map((s) => ({ where: `${m.id}/${l.id}`, ...s }))));
}

export function quizzesOf(curriculum: Curriculum): QuizAt[] {
  return curriculum.modules.flatMap((m) =>
    m.lessons.flatMap((l) => l.steps.flatMap((s) => (s.kind === 'quiz' ? [{ where: `${m.id}/${l.id}/${s.id}`, moduleId: m.id, quiz: s }] : []))),
  );
}

/** True when the address is a site's front page: nothing after the host but "/" (no path, query or fragment). */
export function isHomePage(url: string): boolean {
  const parsed = new URL(url);
  return (parsed.pathname === '' || parsed.pathname === '/') && parsed.search === '' && parsed.hash === '';
}

/**
 * True when a source title names a particular document or page rather than just a publisher: past the
 * publisher's name it says which one, after a colon or a dash ("Almi: lån och mikrolån",
 * "Upphandlingsmyndigheten – aktuella regler"). Notes in brackets such as "(in Swedish)" do not count.
 */
export function namesSpecificPage(title: string): boolean {
  const withoutNotes = title.replace(/\([^)]*\)/g, ' ').trim();
  return /:\s|\s[–—-]\s/.test(withoutNotes);
}

/** Sources whose title names a document or page but whose address is only the publisher's front page. */
export function homePageSources(curriculum: Curriculum): string[] {
  return sourcesOf(curriculum)
    .filter((s) => isHomePage(s.url) && LOCALES.some((locale) => namesSpecificPage(s.title[locale])))
    .map((s) => `${s.where}: "${s.title.en}" points to the front page ${s.url}`);
}

/** Word stems: words of at least four letters, cut to their first five, lower-cased. */
export function stems(text: string): Set<string> {
  return new Set((text.toLocaleLowerCase().match(/\p{L}+/gu) ?? []).filter((w) => w.length >= 4).map((w) => w.slice(0, 5)));
}

/** Share of stems two texts have in common (Jaccard index, 0 to 1). */
export function overlap(a: string, b: string): number {
  const x = stems(a);
  const y = stems(b);
  const shared = [...x].filter((s) => y.has(s)).length;
  const all = new Set([...x, ...y]).size;
  return all === 0 ? 0 : shared / all;
}

/** A prompt sharing at least this share of stems with another quiz's prompt asks nearly the same question. */
export const SAME_QUESTION = 0.4;
/** Answer options sharing at least this share of stems with another quiz's options repeat its choices. */
export const SAME_OPTIONS = 0.12;
/** A correct option sharing at least this share of stems with another quiz's correct option gives the same answer. */
export const SAME_ANSWER = 0.5;

const normalised = (text: string): string => text.toLocaleLowerCase().replace(/\s+/g, ' ').trim();

/**
 * Why two quizzes repeat each other, or undefined when they do not. They repeat each other when, in either
 * language, they offer the same set of option texts, or they ask nearly the same question (prompt overlap
 * ≥ SAME_QUESTION) and either repeat the choices (options overlap ≥ SAME_OPTIONS) or give the same answer
 * (correct-option overlap ≥ SAME_ANSWER).
 */
export function repetition(a: QuizStep, b: QuizStep): string | undefined {
  for (const locale of LOCALES) {
    const optionsA = a.options.map((o) => normalised(o.text[locale]));
    const optionsB = new Set(b.options.map((o) => normalised(o.text[locale])));
    if (optionsA.length === optionsB.size && optionsA.every((o) => optionsB.has(o))) return `the same options (${locale})`;
    const question = overlap(a.prompt[locale], b.prompt[locale]);
    if (question < SAME_QUESTION) continue;
    const options = overlap(a.options.map((o) => o.text[locale]).join(' '), b.options.map((o) => o.text[locale]).join(' '));
    const correctA = a.options.find((o) => o.correct)?.text[locale] ?? '';
    const correctB = b.options.find((o) => o.correct)?.text[locale] ?? '';
    const answer = overlap(correctA, correctB);
    if (options >= SAME_OPTIONS || answer >= SAME_ANSWER) {
      return `nearly the same question (${locale}: prompt ${question.toFixed(2)}, options ${options.toFixed(2)}, answer ${answer.toFixed(2)})`;
    }
  }
  return undefined;
}

/** Pairs of quizzes in different modules that repeat each other. */
export function repeatedQuizzes(curriculum: Curriculum): string[] {
  const quizzes = quizzesOf(curriculum);
  return quizzes.flatMap((a, i) =>
    quizzes.slice(i + 1).flatMap((b) => {
      if (a.moduleId === b.moduleId) return [];
      const why = repetition(a.quiz, b.quiz);
      return why ? [`${a.where} and ${b.where}: ${why}`] : [];
    }),
  );
}
