import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { builtInContentDir, formatContentError, loadCurriculum } from '../../curriculum/loadCurriculum';
import { MAX_MESSAGE_LENGTH, type Curriculum, type Lesson, type ProgrammeModule, type Step } from '../../curriculum/schema';

/**
 * Texts that may read the same in Swedish and English: names and terms used untranslated in both languages.
 * Titles of sources are exempt as a whole (a publication keeps its own title), and so are texts without
 * letters (a quiz option such as "17").
 */
const SAME_IN_BOTH_LANGUAGES = new Set([
  // Terms used untranslated in Swedish
  'Wicked problems',
  'Business Model Canvas',
  'Social Business Model Canvas',
  'SROI',
  'Risk',
  // Names of organisations in the programme's brief
  'Almi',
  'Vinnova',
  'Tillväxtverket',
  'Finansinspektionen',
  'Mikrofonden Sverige',
  'Allmänna arvsfonden',
  'Kammarkollegiet',
  'Bolagsverket',
  'Coompanion',
]);

const loaded = loadCurriculum();
const curriculum: Curriculum = loaded.ok ? loaded.curriculum : { modules: [], artefacts: [] };

interface LessonAt {
  readonly module: ProgrammeModule;
  readonly lesson: Lesson;
  /** "module-id/lesson-id", for failure messages. */
  readonly where: string;
}

const lessons: LessonAt[] = curriculum.modules.flatMap((module) =>
  module.lessons.map((lesson) => ({ module, lesson, where: `${module.id}/${lesson.id}` })),
);

interface TextAt {
  readonly where: string;
  readonly sv: string;
  readonly en: string;
}

/** Every { sv, en } text under `value`, located by ids where there are ids ("public-sector/iop/quiz-register/options/skatteverket/text"). */
function localizedTexts(value: unknown, where: string): TextAt[] {
  if (Array.isArray(value)) {
    return value.flatMap((item, index) => {
      const id = item && typeof item === 'object' && typeof (item as { id?: unknown }).id === 'string' ? (item as { id: string }).id : index;
      return localizedTexts(item, `${where}/${id}`);
    });
  }
  if (!value || typeof value !== 'object') return [];
  const record = value as Record<string, unknown>;
  if (typeof record.sv === 'string' && typeof record.en === 'string') return [{ where, sv: record.sv, en: record.en }];
  return Object.entries(record).flatMap(([key, child]) => localizedTexts(child, `${where}/${key}`));
}

const texts: TextAt[] = curriculum.modules.flatMap((module) => localizedTexts(module, module.id));

/** The artefact fields a step writes: its own, or those of its calculated lines. */
function fieldsWrittenBy(step: Step): string[] {
  if (step.kind === 'calculation') return step.lines.flatMap((line) => (line.artefactField ? [line.artefactField] : []));
  return 'artefactField' in step && step.artefactField ? [step.artefactField] : [];
}

describe('shipped content', () => {
  test('The shipped content validates', () => {
    expect(loaded.ok ? [] : loaded.errors.map(formatContentError)).toEqual([]);
  });

  test('Every module file has its own module id and its own place in the menu', () => {
    const directory = join(builtInContentDir(), 'modules');
    const files = readdirSync(directory).filter((name) => /\.ya?ml$/.test(name));
    const byId = new Map<string, string[]>();
    const byOrder = new Map<number, string[]>();
    for (const name of files) {
      const raw = parse(readFileSync(join(directory, name), 'utf8')) as { id?: string; order?: number } | null;
      byId.set(String(raw?.id), [...(byId.get(String(raw?.id)) ?? []), name]);
      byOrder.set(Number(raw?.order), [...(byOrder.get(Number(raw?.order)) ?? []), name]);
    }
    const offenders = [
      ...[...byId].filter(([, names]) => names.length > 1).map(([id, names]) => `id "${id}" in ${names.join(', ')}`),
      ...[...byOrder].filter(([, names]) => names.length > 1).map(([order, names]) => `order ${order} in ${names.join(', ')}`),
    ];

    expect(offenders).toEqual([]);
  });

  test('Every module has 4 to 6 lessons', () => {
    const offenders = curriculum.modules
      .filter((module) => module.lessons.length < 4 || module.lessons.length > 6)
      .map((module) => `${module.id}: ${module.lessons.length} lesson(s)`);

    expect(offenders).toEqual([]);
  });

  test('Every lesson asks at least two questions about the learner’s own venture', () => {
    const offenders = lessons
      .map(({ lesson, where }) => ({ where, questions: lesson.steps.filter((s) => s.kind === 'question').length }))
      .filter(({ questions }) => questions < 2)
      .map(({ where, questions }) => `${where}: ${questions} question(s)`);

    expect(offenders).toEqual([]);
  });

  test('Every lesson has at least two quizzes', () => {
    const offenders = lessons
      .map(({ lesson, where }) => ({ where, quizzes: lesson.steps.filter((s) => s.kind === 'quiz').length }))
      .filter(({ quizzes }) => quizzes < 2)
      .map(({ where, quizzes }) => `${where}: ${quizzes} quiz(zes)`);

    expect(offenders).toEqual([]);
  });

  test('Every quiz has 3 to 4 options, exactly one of them correct, and explains both a right and a wrong answer', () => {
    const offenders = lessons.flatMap(({ lesson, where }) =>
      lesson.steps.flatMap((step) => {
        if (step.kind !== 'quiz') return [];
        const problems: string[] = [];
        const correct = step.options.filter((o) => o.correct === true).length;
        if (step.options.length < 3 || step.options.length > 4) problems.push(`${step.options.length} options`);
        if (correct !== 1) problems.push(`${correct} correct options`);
        for (const kind of ['correct', 'incorrect'] as const) {
          if (!step.explanation[kind].sv.trim() || !step.explanation[kind].en.trim()) problems.push(`no ${kind} explanation`);
        }
        return problems.map((problem) => `${where}/${step.id}: ${problem}`);
      }),
    );

    expect(offenders).toEqual([]);
  });

  test('Every lesson ends in a summary, and has no other summary', () => {
    const offenders = lessons.flatMap(({ lesson, where }) => {
      const summaries = lesson.steps.map((s, index) => (s.kind === 'summary' ? index : -1)).filter((index) => index >= 0);
      return summaries.length === 1 && summaries[0] === lesson.steps.length - 1
        ? []
        : [`${where}: summaries at steps ${summaries.join(', ') || 'none'}`];
    });

    expect(offenders).toEqual([]);
  });

  test('Every lesson follows the module’s worked example in at least one example step', () => {
    const offenders = lessons.filter(({ lesson }) => !lesson.steps.some((s) => s.kind === 'example')).map(({ where }) => where);

    expect(offenders).toEqual([]);
  });

  test('Every lesson names at least one source to read more, with an https address', () => {
    const offenders = lessons.flatMap(({ lesson, where }) => {
      if (lesson.sources.length === 0) return [`${where}: no source`];
      return lesson.sources.filter((s) => !s.url.startsWith('https://')).map((s) => `${where}: ${s.url}`);
    });

    expect(offenders).toEqual([]);
  });

  test('Every field of every artefact is filled by some step', () => {
    const written = new Set(lessons.flatMap(({ lesson }) => lesson.steps.flatMap(fieldsWrittenBy)));
    const offenders = curriculum.artefacts
      .flatMap((artefact) => artefact.fields.map((field) => `${artefact.id}.${field.id}`))
      .filter((ref) => !written.has(ref));

    expect(offenders).toEqual([]);
  });

  test('Every module fills every field of its own artefact', () => {
    const offenders = curriculum.modules.flatMap((module) => {
      const artefact = curriculum.artefacts.find((a) => a.id === module.artefact);
      if (!artefact) return [];
      const written = new Set(module.lessons.flatMap((l) => l.steps.flatMap(fieldsWrittenBy)));
      return artefact.fields.filter((f) => !written.has(`${artefact.id}.${f.id}`)).map((f) => `${module.id}: ${artefact.id}.${f.id}`);
    });

    expect(offenders).toEqual([]);
  });

  test('Ids are unique: lessons within a module, steps within a lesson, options within a step, lines within a calculation, fields within an artefact', () => {
    const duplicates = (where: string, ids: readonly string[]): string[] =>
      ids.filter((id, index) => ids.indexOf(id) !== index).map((id) => `${where}: "${id}"`);
    const offenders = [
      ...duplicates(
        'modules',
        curriculum.modules.map((m) => m.id),
      ),
      ...duplicates(
        'artefacts',
        curriculum.artefacts.map((a) => a.id),
      ),
      ...curriculum.artefacts.flatMap((a) =>
        duplicates(
          a.id,
          a.fields.map((f) => f.id),
        ),
      ),
      ...curriculum.modules.flatMap((m) =>
        duplicates(
          m.id,
          m.lessons.map((l) => l.id),
        ),
      ),
      ...lessons.flatMap(({ lesson, where }) =>
        duplicates(
          where,
          lesson.steps.map((s) => s.id),
        ),
      ),
      ...lessons.flatMap(({ lesson, where }) =>
        lesson.steps.flatMap((s) =>
          'options' in s
            ? duplicates(
                `${where}/${s.id}`,
                s.options.map((o) => o.id),
              )
            : [],
        ),
      ),
      ...lessons.flatMap(({ lesson, where }) =>
        lesson.steps.flatMap((s) =>
          s.kind === 'calculation'
            ? duplicates(
                `${where}/${s.id}`,
                s.lines.map((line) => line.id),
              )
            : [],
        ),
      ),
    ];

    expect(offenders).toEqual([]);
  });

  test(`No text is longer than ${MAX_MESSAGE_LENGTH} characters`, () => {
    const offenders = texts.flatMap(({ where, sv, en }) =>
      [
        { language: 'sv', text: sv },
        { language: 'en', text: en },
      ]
        .filter(({ text }) => text.length > MAX_MESSAGE_LENGTH)
        .map(({ language, text }) => `${where}.${language}: ${text.length} characters`),
    );

    expect(offenders).toEqual([]);
  });

  test('Every text is written in both languages, and the Swedish is not just the English again', () => {
    const offenders = texts
      .filter(({ where }) => !where.includes('/sources/'))
      .flatMap(({ where, sv, en }) => {
        if (!sv.trim() || !en.trim()) return [`${where}: missing ${sv.trim() ? 'en' : 'sv'}`];
        const same = sv.trim() === en.trim() && /\p{L}/u.test(sv) && !SAME_IN_BOTH_LANGUAGES.has(sv.trim());
        return same ? [`${where}: "${sv}" in both languages`] : [];
      });

    expect(offenders).toEqual([]);
  });

  test('Rubric keywords are non-empty lower-case word stems in both languages', () => {
    const offenders = lessons.flatMap(({ lesson, where }) =>
      lesson.steps.flatMap((step) =>
        step.kind !== 'question'
          ? []
          : (step.rubric ?? []).flatMap((criterion, index) =>
              (['sv', 'en'] as const).flatMap((language) =>
                criterion.keywords[language]
                  .filter((keyword) => !keyword.trim() || keyword !== keyword.toLocaleLowerCase(language))
                  .map((keyword) => `${where}/${step.id}/rubric/${index}.${language}: "${keyword}"`),
              ),
            ),
      ),
    );

    expect(offenders).toEqual([]);
  });
});
