import { z } from 'zod';

/** The languages every learner-facing text is written in. */
export const LOCALES = ['sv', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

/** Longest teaching message a learner reads on a phone, in characters. */
export const MAX_MESSAGE_LENGTH = 600;

const nonEmpty = z.string().trim().min(1, 'must not be empty');

/** A text in Swedish and English; both are required. */
export const localizedText = z.strictObject({ sv: nonEmpty, en: nonEmpty });
export type LocalizedText = z.infer<typeof localizedText>;

/** A message the learner reads in one bubble: short enough for a phone screen. */
const messageText = z.strictObject({
  sv: nonEmpty.max(MAX_MESSAGE_LENGTH, `must be at most ${MAX_MESSAGE_LENGTH} characters`),
  en: nonEmpty.max(MAX_MESSAGE_LENGTH, `must be at most ${MAX_MESSAGE_LENGTH} characters`),
});

/** Stable identifiers: lower-case words joined by hyphens. They are stored in learners' progress: never rename one. */
export const contentId = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be lower-case letters, digits and single hyphens (for example "wicked-problems")');

const source = z.strictObject({
  title: localizedText,
  url: z.url({ protocol: /^https$/, error: 'must be an https URL' }),
});

/** Where a question's answer is written: `<artefact id>.<field id>`. */
const artefactFieldRef = z.string().regex(/^[a-z0-9-]+\.[a-z0-9-]+$/, 'must be "<artefact id>.<field id>"');

const rubricCriterion = z.strictObject({
  /**
   * Words, stems or phrases; the criterion is met when the answer has a word that begins with one of them ("famil" meets
   * "familjer"), a Swedish compound that ends with one of five letters or more ("barnfamiljer"), or the phrase's words
   * in a row. Keywords of three letters or fewer meet only the word itself with an inflection ending ("år", "åren").
   */
  keywords: z.strictObject({ sv: z.array(nonEmpty).min(1), en: z.array(nonEmpty).min(1) }),
  /** Said when the answer meets the criterion. */
  met: localizedText,
  /** Said when it does not: a nudge, not a verdict. */
  missing: localizedText,
});

const option = z.strictObject({ id: contentId, text: localizedText });

/** A picture shown with a teaching or example message; `alt` describes it for screen readers. */
const image = z.strictObject({
  url: z.url({ protocol: /^https$/, error: 'must be an https URL' }),
  alt: localizedText,
});

const teachStep = z.strictObject({
  id: contentId,
  kind: z.literal('teach'),
  text: messageText,
  image: image.optional(),
});

const exampleStep = z.strictObject({
  id: contentId,
  kind: z.literal('example'),
  text: messageText,
  image: image.optional(),
});

const questionStep = z.strictObject({
  id: contentId,
  kind: z.literal('question'),
  prompt: messageText,
  /** Shorter answers are re-asked with `tooShort` text from the catalogue. */
  minLength: z.int().min(1).max(2000).optional(),
  optional: z.boolean().optional(),
  artefactField: artefactFieldRef.optional(),
  rubric: z.array(rubricCriterion).min(1).optional(),
  /** The learner is asked to write a question ("How might we …?"): a question typed here is the answer, not one to the bot. */
  expectsQuestion: z.boolean().optional(),
});

const choiceStep = z.strictObject({
  id: contentId,
  kind: z.literal('choice'),
  prompt: messageText,
  multiple: z.boolean().optional(),
  optional: z.boolean().optional(),
  options: z.array(option).min(2).max(10),
  artefactField: artefactFieldRef.optional(),
});

const scaleStep = z.strictObject({
  id: contentId,
  kind: z.literal('scale'),
  prompt: messageText,
  /** Labels for 1 and 5. */
  low: localizedText,
  high: localizedText,
  optional: z.boolean().optional(),
  artefactField: artefactFieldRef.optional(),
});

const quizStep = z.strictObject({
  id: contentId,
  kind: z.literal('quiz'),
  prompt: messageText,
  options: z
    .array(option.extend({ correct: z.boolean().optional() }))
    .min(2)
    .max(6),
  explanation: z.strictObject({ correct: messageText, incorrect: messageText }),
});

const sdgStep = z.strictObject({
  id: contentId,
  kind: z.literal('sdg'),
  prompt: messageText,
  /** Where the main goal and the secondary goals are written. */
  artefactField: artefactFieldRef.optional(),
});

const summaryStep = z.strictObject({
  id: contentId,
  kind: z.literal('summary'),
  text: messageText,
});

/** Units a number answer or a calculated line can have. Percent answers are entered as percent: 25 means 25 %. */
export const UNITS = ['sek', 'sek-per-month', 'sek-per-hour', 'percent', 'hours', 'people', 'count'] as const;
export type Unit = (typeof UNITS)[number];
const unit = z.enum(UNITS);

/** The operations a formula can apply to two or more formulas; subtract and divide work left to right (a − b − c). */
export const OPERATIONS = ['sum', 'subtract', 'multiply', 'divide'] as const;
export type Operation = (typeof OPERATIONS)[number];

/**
 * What a calculated line is worked out from: `{ ref: step }` a number step earlier in the same lesson,
 * `{ ref: lesson/step }` a number step earlier in the module, `{ line: id }` an earlier line of the same
 * calculation, `{ value: n }` a constant, or an operation on two or more formulas.
 */
export type Formula =
  { readonly ref: string } | { readonly line: string } | { readonly value: number } | { readonly op: Operation; readonly of: readonly Formula[] };

export const formula: z.ZodType<Formula> = z.lazy(() =>
  z.union([
    z.strictObject({
      ref: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*(?:\/[a-z0-9]+(?:-[a-z0-9]+)*)?$/, 'must be "<step id>" or "<lesson id>/<step id>"'),
    }),
    z.strictObject({ line: contentId }),
    z.strictObject({ value: z.number().finite() }),
    z.strictObject({ op: z.enum(OPERATIONS), of: z.array(formula).min(2, 'an operation needs at least two formulas') }),
  ]),
);

const numberStep = z
  .strictObject({
    id: contentId,
    kind: z.literal('number'),
    prompt: messageText,
    unit,
    /** Answers below `min` or above `max` are re-asked, naming the bounds. */
    min: z.number().finite().optional(),
    max: z.number().finite().optional(),
    optional: z.boolean().optional(),
    artefactField: artefactFieldRef.optional(),
  })
  .refine((s) => s.min === undefined || s.max === undefined || s.min <= s.max, { message: 'min must not be above max', path: ['min'] });

const calculationLine = z.strictObject({
  id: contentId,
  label: localizedText,
  unit,
  formula,
  /** Where the line's result is written. */
  artefactField: artefactFieldRef.optional(),
});

const calculationStep = z
  .strictObject({
    id: contentId,
    kind: z.literal('calculation'),
    /** Introduces the lines the bot works out and shows. */
    text: messageText,
    lines: z.array(calculationLine).min(1),
  })
  .superRefine((value, ctx) => reportDuplicateIds(value.lines, ['lines'], ctx));

export const step = z.discriminatedUnion('kind', [
  teachStep,
  exampleStep,
  questionStep,
  choiceStep,
  scaleStep,
  quizStep,
  sdgStep,
  numberStep,
  calculationStep,
  summaryStep,
]);
export type Step = z.infer<typeof step>;
export type StepKind = Step['kind'];
export type QuizStep = z.infer<typeof quizStep>;
export type QuestionStep = z.infer<typeof questionStep>;
export type ChoiceStep = z.infer<typeof choiceStep>;
export type ScaleStep = z.infer<typeof scaleStep>;
export type SdgStep = z.infer<typeof sdgStep>;
export type NumberStep = z.infer<typeof numberStep>;
export type CalculationStep = z.infer<typeof calculationStep>;
export type CalculationLine = z.infer<typeof calculationLine>;
export type RubricCriterion = z.infer<typeof rubricCriterion>;

export const lesson = z
  .strictObject({
    id: contentId,
    title: localizedText,
    sources: z.array(source).min(1),
    steps: z.array(step).min(2),
  })
  .superRefine((value, ctx) => {
    reportDuplicateIds(value.steps, ['steps'], ctx);
    value.steps.forEach((s, index) => {
      if (s.kind === 'quiz') {
        const correct = s.options.filter((o) => o.correct === true).length;
        if (correct !== 1) {
          ctx.addIssue({ code: 'custom', path: ['steps', index, 'options'], message: `a quiz needs exactly one correct option, found ${correct}` });
        }
      }
      if (s.kind === 'choice' || s.kind === 'quiz') reportDuplicateIds(s.options, ['steps', index, 'options'], ctx);
    });
    const last = value.steps[value.steps.length - 1];
    if (last?.kind !== 'summary') {
      ctx.addIssue({ code: 'custom', path: ['steps', value.steps.length - 1], message: 'the last step of a lesson must be a summary' });
    }
    value.steps.slice(0, -1).forEach((s, index) => {
      if (s.kind === 'summary') ctx.addIssue({ code: 'custom', path: ['steps', index], message: 'a summary may only be the last step of a lesson' });
    });
  });
export type Lesson = z.infer<typeof lesson>;

export const programmeModule = z
  .strictObject({
    id: contentId,
    /** Position in the module menu; lower comes first. */
    order: z.int().min(1).max(999),
    title: localizedText,
    description: localizedText,
    /** The artefact this module fills, if any (declared in artefacts). */
    artefact: contentId.optional(),
    lessons: z.array(lesson).min(1),
  })
  .superRefine((value, ctx) => reportDuplicateIds(value.lessons, ['lessons'], ctx));
export type ProgrammeModule = z.infer<typeof programmeModule>;

export const artefactDefinition = z
  .strictObject({
    id: contentId,
    title: localizedText,
    fields: z.array(z.strictObject({ id: contentId, label: localizedText })).min(1),
  })
  .superRefine((value, ctx) => reportDuplicateIds(value.fields, ['fields'], ctx));
export type ArtefactDefinition = z.infer<typeof artefactDefinition>;

export const artefactFile = z
  .strictObject({ artefacts: z.array(artefactDefinition) })
  .superRefine((value, ctx) => reportDuplicateIds(value.artefacts, ['artefacts'], ctx));

/** The whole programme after loading: modules in menu order plus the artefacts they fill. */
export interface Curriculum {
  readonly modules: readonly ProgrammeModule[];
  readonly artefacts: readonly ArtefactDefinition[];
}

function reportDuplicateIds(items: readonly { id: string }[], path: (string | number)[], ctx: z.RefinementCtx): void {
  const seen = new Set<string>();
  items.forEach((item, index) => {
    if (seen.has(item.id)) ctx.addIssue({ code: 'custom', path: [...path, index, 'id'], message: `duplicate id "${item.id}"` });
    seen.add(item.id);
  });
}
