import type { CalculationStep, Formula, ProgrammeModule } from './schema';

/** A formula reference that does not hold: where it is inside the module file, and why. */
export interface FormulaProblem {
  readonly path: string;
  readonly message: string;
}

/**
 * Checks every formula of every calculation in a module: a `ref` must name a number step of the same module
 * that the learner meets before the calculation (earlier in its lesson, or in an earlier lesson), and a `line`
 * an earlier line of the same calculation. A formula can then always be worked out from answers already asked.
 */
export function formulaProblems(module: ProgrammeModule): FormulaProblem[] {
  const problems: FormulaProblem[] = [];
  module.lessons.forEach((lesson, lessonIndex) =>
    lesson.steps.forEach((step, stepIndex) => {
      if (step.kind !== 'calculation') return;
      const where = { module, lessonIndex, stepIndex };
      step.lines.forEach((line, lineIndex) => {
        const earlierLines = step.lines.slice(0, lineIndex).map((l) => l.id);
        const visit = (f: Formula, path: string): void => {
          const problem = referenceProblem(f, where, earlierLines, step);
          if (problem) problems.push({ path: `${path}.${'line' in f ? 'line' : 'ref'}`, message: problem });
          if ('op' in f) f.of.forEach((operand, i) => visit(operand, `${path}.of[${i}]`));
        };
        visit(line.formula, `lessons[${lessonIndex}].steps[${stepIndex}].lines[${lineIndex}].formula`);
      });
    }),
  );
  return problems;
}

interface CalculationAt {
  readonly module: ProgrammeModule;
  readonly lessonIndex: number;
  readonly stepIndex: number;
}

function referenceProblem(f: Formula, at: CalculationAt, earlierLines: readonly string[], step: CalculationStep): string | null {
  if ('line' in f) {
    if (earlierLines.includes(f.line)) return null;
    return step.lines.some((l) => l.id === f.line)
      ? `line "${f.line}" comes later in this calculation; a line can only use earlier lines`
      : `this calculation has no earlier line "${f.line}"`;
  }
  if (!('ref' in f)) return null;
  const [first, second] = f.ref.split('/') as [string, string | undefined];
  const lessonIndex = second === undefined ? at.lessonIndex : at.module.lessons.findIndex((l) => l.id === first);
  const lesson = at.module.lessons[lessonIndex];
  if (!lesson) return `"${f.ref}": this module has no lesson "${first}"`;
  const stepId = second ?? first;
  const targetIndex = lesson.steps.findIndex((s) => s.id === stepId);
  const target = lesson.steps[targetIndex];
  if (!target) return `"${f.ref}": lesson "${lesson.id}" has no step "${stepId}"`;
  if (target.kind !== 'number') return `"${f.ref}" is a ${target.kind} step; a formula can only use number steps`;
  const isEarlier = lessonIndex < at.lessonIndex || (lessonIndex === at.lessonIndex && targetIndex < at.stepIndex);
  return isEarlier ? null : `"${f.ref}" is asked after this calculation; a formula can only use numbers asked before it`;
}
