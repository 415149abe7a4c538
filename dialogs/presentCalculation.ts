import type { CalculationStep, Locale, Operation, ProgrammeModule } from '../curriculum/schema';
import { say } from './catalogue';
import type { StepAnswer } from './conversationContext';
import { evaluateCalculation, type NumberRef, type Term } from './evaluateCalculation';
import { formatNumber, formatQuantity } from './formatQuantity';
import type { Choice, OutgoingMessage } from './outgoing';

const SYMBOL: Record<Operation, string> = { sum: '+', subtract: '−', multiply: '×', divide: '÷' };
const PRECEDENCE: Record<Operation, number> = { sum: 1, subtract: 1, multiply: 2, divide: 2 };
/** The longest piece of a prompt a note quotes to say which number is missing. */
const MAX_QUOTED_CHARS = 120;

/**
 * A calculation step as the learner sees it: the introduction, each line as label, the arithmetic with their
 * numbers put in and the result ("Täckningsbidrag: 300 kr − 120 kr = 180 kr"), and a note for each number
 * that is missing and each line that would divide by zero (those results show "–").
 */
export function presentCalculation(
  module: ProgrammeModule,
  lessonId: string,
  step: CalculationStep,
  answers: Readonly<Record<string, StepAnswer>>,
  locale: Locale,
  choices: readonly Choice[],
): Extract<OutgoingMessage, { kind: 'calculation' }> {
  const result = evaluateCalculation(module, lessonId, step, answers);
  const lines = result.lines.map(({ line, term, value }) => ({
    label: line.label[locale],
    working: term.kind === 'operation' ? arithmetic(term, locale) : '',
    result: value === null ? '–' : formatQuantity(value, line.unit, locale, { precision: 'worked-out' }),
  }));
  const reasons = [
    ...result.missing.map((ref) => missingNote(module, ref, locale)),
    ...result.lines.filter((l) => l.dividesByZero).map((l) => say(locale, 'calculationDivisionByZero', { line: l.line.label[locale] })),
  ];
  const notes = reasons.length > 0 ? [...reasons, say(locale, 'calculationDash')] : [];
  return { kind: 'calculation', text: step.text[locale], lines, notes, choices };
}

/** The formula with the numbers put in: "90 000 kr × (1 + 31,42 % + 10 %)". */
function arithmetic(term: Term, locale: Locale, parent?: { op: Operation; position: number }): string {
  const share = percentShare(term);
  if (share) return arithmetic(share, locale, parent);
  if (term.kind !== 'operation') {
    const precision = term.kind === 'line' ? 'worked-out' : 'given';
    const shown =
      term.kind === 'constant'
        ? formatNumber(term.value, locale)
        : term.value === null
          ? '–'
          : formatQuantity(term.value, term.unit, locale, { form: 'operand', precision });
    return parent && parent.position > 0 && term.value !== null && term.value < 0 ? `(${shown})` : shown;
  }
  const text = term.terms.map((t, position) => arithmetic(t, locale, { op: term.op, position })).join(` ${SYMBOL[term.op]} `);
  return parent && needsBrackets(term.op, parent) ? `(${text})` : text;
}

/** a − (b + c) and a ÷ (b × c) need brackets; a + b − c and a × b ÷ c read left to right without them. */
function needsBrackets(op: Operation, parent: { op: Operation; position: number }): boolean {
  if (PRECEDENCE[op] < PRECEDENCE[parent.op]) return true;
  return PRECEDENCE[op] === PRECEDENCE[parent.op] && parent.position > 0 && (parent.op === 'subtract' || parent.op === 'divide');
}

/** "15 % ÷ 100" is how a formula turns a percent answer into a share; "15 %" already says that, so it is shown alone. */
function percentShare(term: Term): Term | null {
  if (term.kind !== 'operation' || term.op !== 'divide' || term.terms.length !== 2) return null;
  const [share, hundred] = term.terms as [Term, Term];
  const isPercent = (share.kind === 'answer' || share.kind === 'line') && share.unit === 'percent';
  return isPercent && hundred.kind === 'constant' && hundred.value === 100 ? share : null;
}

function missingNote(module: ProgrammeModule, ref: NumberRef, locale: Locale): string {
  const lesson = module.lessons.find((l) => l.id === ref.lessonId);
  const step = lesson?.steps.find((s) => s.id === ref.stepId);
  const prompt = step && 'prompt' in step ? step.prompt[locale] : ref.stepId;
  return say(locale, 'calculationMissingNumber', { question: firstSentence(prompt), lesson: lesson?.title[locale] ?? ref.lessonId });
}

/** The question itself, without the explanations that follow it in the prompt. */
function firstSentence(text: string): string {
  const sentence = /^.*?[?!.](?=\s|$)/s.exec(text)?.[0] ?? text;
  return sentence.length <= MAX_QUOTED_CHARS ? sentence : `${sentence.slice(0, MAX_QUOTED_CHARS - 1).trimEnd()}…`;
}
