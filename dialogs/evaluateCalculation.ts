import type { CalculationLine, CalculationStep, Formula, Operation, ProgrammeModule, Unit } from '../curriculum/schema';
import { stepKey, type StepAnswer } from './conversationContext';

/** A number step a formula names, as lesson and step id. */
export interface NumberRef {
  readonly lessonId: string;
  readonly stepId: string;
}

/**
 * A formula with every number put in, for showing the arithmetic: an answer (`ref`), an earlier line, a
 * constant, or an operation on such terms. `value` is null where it cannot be worked out.
 */
export type Term =
  | { readonly kind: 'answer'; readonly value: number | null; readonly unit: Unit }
  | { readonly kind: 'line'; readonly value: number | null; readonly unit: Unit }
  | { readonly kind: 'constant'; readonly value: number }
  | { readonly kind: 'operation'; readonly op: Operation; readonly terms: readonly Term[]; readonly value: number | null };

/** One worked-out line. `value` is null when an answer it needs is missing or it would divide by zero. */
export interface LineResult {
  readonly line: CalculationLine;
  readonly term: Term;
  readonly value: number | null;
  /** The line itself divides by zero (not merely a line it uses). */
  readonly dividesByZero: boolean;
}

export interface CalculationResult {
  readonly lines: readonly LineResult[];
  /** Number steps the calculation needs that have no number answer (not answered yet, or skipped), each once. */
  readonly missing: readonly NumberRef[];
}

/**
 * Works out every line of a calculation step from the learner's answers: `ref` reads a number answer
 * of the module (a bare step id is in the calculation's own lesson), `line` an earlier line's result.
 * Missing answers and divisions by zero give null, never NaN or Infinity.
 */
export function evaluateCalculation(
  module: ProgrammeModule,
  lessonId: string,
  step: CalculationStep,
  answers: Readonly<Record<string, StepAnswer>>,
): CalculationResult {
  const missing: NumberRef[] = [];
  const lineResults = new Map<string, LineResult>();
  const lines: LineResult[] = [];

  for (const line of step.lines) {
    let dividesByZero = false;
    const evaluate = (f: Formula): Term => {
      if ('value' in f) return { kind: 'constant', value: f.value };
      if ('line' in f) {
        const earlier = lineResults.get(f.line);
        return { kind: 'line', value: earlier?.value ?? null, unit: earlier?.line.unit ?? 'count' };
      }
      if ('ref' in f) {
        const ref = resolveRef(f.ref, lessonId);
        const target = module.lessons.find((l) => l.id === ref.lessonId)?.steps.find((s) => s.id === ref.stepId);
        const answer = answers[stepKey(module.id, ref.lessonId, ref.stepId)];
        const value = answer?.kind === 'number' ? answer.value : null;
        if (value === null && !missing.some((m) => m.lessonId === ref.lessonId && m.stepId === ref.stepId)) missing.push(ref);
        return { kind: 'answer', value, unit: target?.kind === 'number' ? target.unit : 'count' };
      }
      const terms = f.of.map(evaluate);
      const values = terms.map((t) => t.value);
      if (f.op === 'divide' && values.slice(1).some((v) => v === 0) && values.every((v) => v !== null)) dividesByZero = true;
      return { kind: 'operation', op: f.op, terms, value: apply(f.op, values) };
    };
    const term = evaluate(line.formula);
    const result: LineResult = { line, term, value: term.value, dividesByZero };
    lineResults.set(line.id, result);
    lines.push(result);
  }
  return { lines, missing };
}

/** `step` in the calculation's own lesson, or `lesson/step`. */
export function resolveRef(ref: string, ownLessonId: string): NumberRef {
  const [first = '', second] = ref.split('/');
  return second === undefined ? { lessonId: ownLessonId, stepId: first } : { lessonId: first, stepId: second };
}

function apply(op: Operation, values: readonly (number | null)[]): number | null {
  if (values.some((v) => v === null)) return null;
  const [head = 0, ...rest] = values as number[];
  const combine: Record<Operation, (a: number, b: number) => number> = {
    sum: (a, b) => a + b,
    subtract: (a, b) => a - b,
    multiply: (a, b) => a * b,
    divide: (a, b) => a / b,
  };
  const result = rest.reduce(combine[op], head);
  return Number.isFinite(result) ? result : null;
}
