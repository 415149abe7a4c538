import { loadCurriculumOrThrow } from '../../curriculum/loadCurriculum';
import type { CalculationStep, ProgrammeModule } from '../../curriculum/schema';
import { stepKey, type StepAnswer } from '../../dialogs/conversationContext';
import { evaluateCalculation } from '../../dialogs/evaluateCalculation';

/**
 * The Money module has most of the programme's arithmetic. Its worked example (Tråden ekonomisk förening)
 * states numbers that the bot's calculations must arrive at from Tråden's answers: these tests work them out
 * with the engine and look for them in the example texts, so text and formulas cannot drift apart.
 */

const money: ProgrammeModule = loadCurriculumOrThrow().modules.find((m) => m.id === 'money')!;

/** Tråden's answers in the worked example, keyed "lesson-id/step-id". */
const TRADEN: Readonly<Record<string, number>> = {
  'one-page-budget/monthly-sales': 95_000,
  'one-page-budget/variable-cost-share': 15,
  'one-page-budget/monthly-fixed-costs': 22_000,
  'employer-obligations/gross-wages': 90_000,
  'employer-obligations/employer-fee-rate': 31.42,
  'employer-obligations/other-staff-cost-rate': 10,
  'subsidies-and-other-income/wage-subsidies': 22_000,
  'subsidies-and-other-income/placement-income': 51_000,
  'subsidies-and-other-income/grants': 0,
  'full-cost-pricing/paid-hours': 560,
  'full-cost-pricing/supervision-hours': 140,
  'full-cost-pricing/admin-hours': 60,
  'full-cost-pricing/price-per-unit': 250,
  'full-cost-pricing/variable-cost-per-unit': 38,
  'cash-flow/cash-at-start': 30_000,
  'cash-flow/loans-and-credit': 250_000,
  'cash-flow/start-up-costs': 180_000,
  'cash-flow/late-income': 108_000,
  'cash-flow/payment-delay': 2,
  'presenting-the-numbers/sales-drop': 20,
  'presenting-the-numbers/participants': 6,
};

/** Words that say nothing about an answer: rubric keywords must not be (or start with) one of them. */
const FUNCTION_WORDS = new Set(['och', 'att', 'det', 'som', 'för', 'med', 'kan', 'ska', 'har', 'inte', 'om', 'år']);
const FUNCTION_WORDS_EN = new Set(['the', 'and', 'that', 'with', 'for', 'can', 'will', 'have', 'not', 'may']);

const answers: Record<string, StepAnswer> = Object.fromEntries(
  Object.entries(TRADEN).map(([key, value]) => {
    const [lessonId = '', stepId = ''] = key.split('/');
    return [stepKey(money.id, lessonId, stepId), { kind: 'number', value }];
  }),
);

/** Every calculated line for Tråden's answers, keyed "lesson-id/calculation-id/line-id". */
const results = new Map<string, number | null>(
  money.lessons.flatMap((lesson) =>
    lesson.steps
      .filter((s): s is CalculationStep => s.kind === 'calculation')
      .flatMap((s) => evaluateCalculation(money, lesson.id, s, answers).lines.map((r) => [`${lesson.id}/${s.id}/${r.line.id}`, r.value] as const)),
  ),
);

describe('the Money module', () => {
  test('Every number step has an answer in the worked example, inside the step’s range', () => {
    const offenders = money.lessons.flatMap((l) =>
      l.steps.flatMap((s) => {
        if (s.kind !== 'number') return [];
        const answer = TRADEN[`${l.id}/${s.id}`];
        if (answer === undefined) return [`${l.id}/${s.id}: no example answer in this test`];
        const outside = (s.min !== undefined && answer < s.min) || (s.max !== undefined && answer > s.max);
        return outside ? [`${l.id}/${s.id}: example answer ${answer} out of range`] : [];
      }),
    );
    expect(offenders).toEqual([]);
  });

  test('Rubric keywords are lower-case stems of at least four letters and not function words', () => {
    const offenders = money.lessons.flatMap((l) =>
      l.steps.flatMap((s) =>
        s.kind !== 'question'
          ? []
          : (s.rubric ?? []).flatMap((c) =>
              (['sv', 'en'] as const).flatMap((language) =>
                c.keywords[language]
                  .filter((k) => {
                    const first = k.trim().split(/\s+/)[0] ?? '';
                    return (
                      k !== k.toLocaleLowerCase(language) ||
                      k.replace(/[^\p{L}]/gu, '').length < 4 ||
                      FUNCTION_WORDS.has(first) ||
                      FUNCTION_WORDS_EN.has(first)
                    );
                  })
                  .map((k) => `${l.id}/${s.id}.${language}: "${k}"`),
              ),
            ),
      ),
    );
    expect(offenders).toEqual([]);
  });
});

describe('the worked example, worked out by the bot’s calculations', () => {
  const example = (lesson: string, step: string): string => {
    const s = money.lessons.find((l) => l.id === lesson)?.steps.find((t) => t.id === step);
    return s && 'text' in s ? `${s.text.sv} ${s.text.en}` : '';
  };
  /** "58750" as the example texts write it: "58 750" in Swedish and "58,750" in English. */
  const written = (n: number) => [Math.round(n).toLocaleString('en-GB').replace(/,/g, ' '), Math.round(n).toLocaleString('en-GB')];
  const mentions = (text: string, n: number) => written(Math.abs(n)).every((form) => text.includes(form));

  test.each([
    ['one-page-budget/first-result/variable-costs', 14_250, 'one-page-budget', 'example-first-result'],
    ['one-page-budget/first-result/left-for-staff', 58_750, 'one-page-budget', 'example-first-result'],
    ['employer-obligations/staff-costs/total-staff-costs', 127_278, 'employer-obligations', 'example-staff-costs'],
    ['employer-obligations/staff-costs/result-before-support', -68_528, 'employer-obligations', 'example-before-support'],
    ['subsidies-and-other-income/budget-result/total-income', 168_000, 'subsidies-and-other-income', 'example-result'],
    ['subsidies-and-other-income/budget-result/total-costs', 163_528, 'subsidies-and-other-income', 'example-result'],
    ['subsidies-and-other-income/budget-result/result-month', 4_472, 'subsidies-and-other-income', 'example-result'],
    ['full-cost-pricing/hourly-cost/staff-cost-per-hour', 227, 'full-cost-pricing', 'example-hourly-cost'],
    ['full-cost-pricing/hourly-cost/supervision-cost', 31_820, 'full-cost-pricing', 'example-hourly-cost'],
    ['full-cost-pricing/hourly-cost/full-cost-per-hour', 415, 'full-cost-pricing', 'example-hourly-cost'],
    ['full-cost-pricing/hourly-cost/net-cost-per-hour', 212, 'full-cost-pricing', 'example-hourly-cost'],
    ['full-cost-pricing/break-even/contribution-per-unit', 212, 'full-cost-pricing', 'example-break-even'],
    ['full-cost-pricing/break-even/costs-to-cover', 76_278, 'full-cost-pricing', 'example-break-even'],
    ['cash-flow/cash-summary/money-at-start', 100_000, 'cash-flow', 'example-start'],
    ['cash-flow/cash-summary/buffer-needed', 216_000, 'cash-flow', 'example-gap'],
    ['presenting-the-numbers/what-if/result-month', 4_472, 'presenting-the-numbers', 'example-presenting'],
    ['presenting-the-numbers/what-if/stress-result', -11_678, 'presenting-the-numbers', 'example-presenting'],
  ])('%s comes to about %d, as the example says', (line, expected, lesson, step) => {
    const value = results.get(line);
    expect(value).toEqual(expect.any(Number));
    expect(Math.round(value ?? Number.NaN)).toBeCloseTo(expected, -1);
    expect(mentions(example(lesson, step), expected)).toBe(true);
  });

  test('The other lines come out as the examples describe them', () => {
    expect(results.get('subsidies-and-other-income/budget-result/result-year')).toBeCloseTo(53_664, 0);
    expect(Math.round(results.get('subsidies-and-other-income/budget-result/public-share') ?? 0)).toBe(43);
    expect(results.get('full-cost-pricing/hourly-cost/billable')).toBe(360);
    // "knappt 360 uppdrag" / "just under 360 jobs"
    const breakEven = results.get('full-cost-pricing/break-even/break-even-units') ?? 0;
    expect(breakEven).toBeGreaterThan(355);
    expect(breakEven).toBeLessThan(360);
    expect(results.get('cash-flow/cash-summary/margin')).toBe(-116_000);
    // "omkring 5 300 kronor per plats" / "about SEK 5,300 per place"
    expect(Math.round((results.get('presenting-the-numbers/what-if/cost-per-place') ?? 0) / 100) * 100).toBe(5_300);
  });

  test('Every line of every calculation gives a number for the example answers', () => {
    expect(results.size).toBeGreaterThan(20);
    expect([...results].filter(([, v]) => v === null || !Number.isFinite(v)).map(([k]) => k)).toEqual([]);
  });
});
