import { z } from 'zod';
import { contentId, localizedText, MAX_MESSAGE_LENGTH, step } from '../../curriculum/schema';

/**
 * The two step kinds planned for the money module (curriculum/drafts/07-money.yaml), written as a schema so
 * the draft can be checked before the engine supports them. The engine's own schema may differ in detail;
 * these are the rules the draft was written to.
 */

const nonEmpty = z.string().trim().min(1, 'must not be empty');
const messageText = z.strictObject({ sv: nonEmpty.max(MAX_MESSAGE_LENGTH), en: nonEmpty.max(MAX_MESSAGE_LENGTH) });
const artefactFieldRef = z.string().regex(/^[a-z0-9-]+\.[a-z0-9-]+$/);

/** Units a number answer or a calculated line can have. Percent answers are entered as percent: 25 means 25 %. */
export const UNITS = ['sek', 'sek-per-month', 'sek-per-hour', 'percent', 'hours', 'people', 'count'] as const;
export type Unit = (typeof UNITS)[number];

export type Formula =
  | { readonly ref: string }
  | { readonly line: string }
  | { readonly value: number }
  | { readonly op: 'sum' | 'subtract' | 'multiply' | 'divide'; readonly of: readonly Formula[] };

/**
 * `{ ref: step }` a number step earlier in the same lesson, `{ ref: lesson/step }` a number step in an earlier
 * lesson of the module, `{ line: id }` an earlier line of the same calculation, `{ value: n }` a constant, or
 * an operation on two or more formulas (subtract and divide work left to right: a − b − c, a / b / c).
 */
export const formula: z.ZodType<Formula> = z.lazy(() =>
  z.union([
    z.strictObject({ ref: z.string().regex(/^[a-z0-9-]+(?:\/[a-z0-9-]+)?$/) }),
    z.strictObject({ line: contentId }),
    z.strictObject({ value: z.number().finite() }),
    z.strictObject({ op: z.enum(['sum', 'subtract', 'multiply', 'divide']), of: z.array(formula).min(2) }),
  ]),
);

export const numberStep = z.strictObject({
  id: contentId,
  kind: z.literal('number'),
  prompt: messageText,
  unit: z.enum(UNITS),
  min: z.number().finite().optional(),
  max: z.number().finite().optional(),
  optional: z.boolean().optional(),
  artefactField: artefactFieldRef.optional(),
});

export const calculationLine = z.strictObject({
  id: contentId,
  label: localizedText,
  unit: z.enum(UNITS),
  formula,
  artefactField: artefactFieldRef.optional(),
});

export const calculationStep = z.strictObject({
  id: contentId,
  kind: z.literal('calculation'),
  text: messageText,
  lines: z.array(calculationLine).min(1),
});

export const draftStep = z.union([step, numberStep, calculationStep]);
export type DraftStep = z.infer<typeof draftStep>;
export type NumberStep = z.infer<typeof numberStep>;
export type CalculationStep = z.infer<typeof calculationStep>;

export const draftLesson = z.strictObject({
  id: contentId,
  title: localizedText,
  sources: z.array(z.strictObject({ title: localizedText, url: z.url({ protocol: /^https$/ }) })).min(1),
  steps: z.array(draftStep).min(2),
});

export const draftModule = z.strictObject({
  id: contentId,
  order: z.int().min(1).max(999),
  title: localizedText,
  description: localizedText,
  artefact: contentId.optional(),
  lessons: z.array(draftLesson).min(1),
});
export type DraftModule = z.infer<typeof draftModule>;

/** Problems with the references of every calculation in a module: unknown or later steps, lines and non-number steps. */
export function formulaProblems(module: DraftModule): string[] {
  const problems: string[] = [];
  module.lessons.forEach((lesson, lessonIndex) => {
    lesson.steps.forEach((s, stepIndex) => {
      if (s.kind !== 'calculation') return;
      const seenLines: string[] = [];
      for (const line of s.lines) {
        const where = `${lesson.id}/${s.id}/${line.id}`;
        const visit = (f: Formula): void => {
          if ('line' in f) {
            if (!seenLines.includes(f.line)) problems.push(`${where}: line "${f.line}" is not an earlier line of this calculation`);
          } else if ('ref' in f) {
            const [first, second] = f.ref.split('/') as [string, string | undefined];
            const lessonAt = second === undefined ? lessonIndex : module.lessons.findIndex((l) => l.id === first);
            const stepId = second ?? first;
            const target = module.lessons[lessonAt];
            const targetIndex = target ? target.steps.findIndex((t) => t.id === stepId) : -1;
            const targetStep = target?.steps[targetIndex];
            if (!target || !targetStep) problems.push(`${where}: "${f.ref}" names no step`);
            else if (targetStep.kind !== 'number') problems.push(`${where}: "${f.ref}" is not a number step`);
            else if (second !== undefined && lessonAt >= lessonIndex) problems.push(`${where}: "${f.ref}" is not in an earlier lesson`);
            else if (second === undefined && targetIndex > stepIndex) problems.push(`${where}: "${f.ref}" comes after the calculation`);
          } else if ('op' in f) {
            f.of.forEach(visit);
          }
        };
        visit(line.formula);
        seenLines.push(line.id);
      }
    });
  });
  return problems;
}

/** Every number step of a module, by the two names a formula may use for it ("step" inside its lesson, "lesson/step" anywhere). */
function numberSteps(module: DraftModule): Map<string, { lesson: string; step: NumberStep }> {
  const steps = new Map<string, { lesson: string; step: NumberStep }>();
  for (const lesson of module.lessons) {
    for (const s of lesson.steps) if (s.kind === 'number') steps.set(`${lesson.id}/${s.id}`, { lesson: lesson.id, step: s });
  }
  return steps;
}

/**
 * Works out every line of every calculation from answers keyed "lesson-id/step-id" – what the bot will show a
 * learner who gave those answers. Keys of the result are "lesson-id/calculation-id/line-id".
 */
export function evaluate(module: DraftModule, answers: Readonly<Record<string, number>>): Map<string, number> {
  const known = numberSteps(module);
  const results = new Map<string, number>();
  for (const lesson of module.lessons) {
    for (const s of lesson.steps) {
      if (s.kind !== 'calculation') continue;
      const lines = new Map<string, number>();
      const value = (f: Formula): number => {
        if ('value' in f) return f.value;
        if ('line' in f) return lines.get(f.line) ?? Number.NaN;
        if ('ref' in f) {
          const key = f.ref.includes('/') ? f.ref : `${lesson.id}/${f.ref}`;
          if (!known.has(key)) return Number.NaN;
          return answers[key] ?? Number.NaN;
        }
        const [head, ...rest] = f.of.map(value) as [number, ...number[]];
        switch (f.op) {
          case 'sum':
            return rest.reduce((a, b) => a + b, head);
          case 'subtract':
            return rest.reduce((a, b) => a - b, head);
          case 'multiply':
            return rest.reduce((a, b) => a * b, head);
          case 'divide':
            return rest.reduce((a, b) => a / b, head);
        }
      };
      for (const line of s.lines) {
        const v = value(line.formula);
        lines.set(line.id, v);
        results.set(`${lesson.id}/${s.id}/${line.id}`, v);
      }
    }
  }
  return results;
}
