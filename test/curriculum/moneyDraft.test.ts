import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { builtInContentDir, loadCurriculum } from '../../curriculum/loadCurriculum';
import { artefactFile, MAX_MESSAGE_LENGTH, type Curriculum } from '../../curriculum/schema';
import { draftModule, evaluate, formulaProblems, type DraftModule } from './plannedStepKinds';
import { homePageSources, repeatedQuizzes } from './reviewRules';

/**
 * The money module is a draft: it needs the planned `number` and `calculation` step kinds, so the bot does not
 * load it yet. These tests hold it to the same bar as the shipped modules, check every formula's references,
 * and work out the worked example's numbers from the formulas so text and arithmetic cannot drift apart.
 */

const draftsDir = join(builtInContentDir(), '..', 'drafts');
const moduleParse = draftModule.safeParse(parse(readFileSync(join(draftsDir, '07-money.yaml'), 'utf8')));
const artefactsParse = artefactFile.safeParse(parse(readFileSync(join(draftsDir, 'artefacts-money.yaml'), 'utf8')));
const money: DraftModule = moduleParse.success
  ? moduleParse.data
  : { id: 'money', order: 4, title: { sv: '-', en: '-' }, description: { sv: '-', en: '-' }, lessons: [] };
const artefacts = artefactsParse.success ? artefactsParse.data.artefacts : [];

const loaded = loadCurriculum();
const shipped: Curriculum = loaded.ok ? loaded.curriculum : { modules: [], artefacts: [] };
/** The shipped programme with the draft added, for the rules that read a whole curriculum (they only look at sources and quizzes). */
const withDraft = { modules: [...shipped.modules, money], artefacts: [...shipped.artefacts, ...artefacts] } as unknown as Curriculum;

/** Words that say nothing about an answer: rubric keywords must not be (or start with) one of them. */
const FUNCTION_WORDS = new Set([
  'och',
  'att',
  'det',
  'som',
  'för',
  'med',
  'kan',
  'ska',
  'har',
  'inte',
  'the',
  'and',
  'that',
  'with',
  'for',
  'can',
  'will',
  'have',
  'not',
  'om',
  'år',
  'may',
]);

interface TextAt {
  readonly where: string;
  readonly sv: string;
  readonly en: string;
}

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

const stepsOf = (kind: string) => money.lessons.map((l) => ({ lesson: l.id, count: l.steps.filter((s) => s.kind === kind).length }));

describe('the money module draft', () => {
  test('The draft module and its artefacts follow the planned schema', () => {
    expect(moduleParse.success ? [] : moduleParse.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`)).toEqual([]);
    expect(artefactsParse.success ? [] : artefactsParse.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`)).toEqual([]);
  });

  test('It has its own id and its own place in the menu, between the shipped modules', () => {
    expect(shipped.modules.map((m) => m.id)).not.toContain(money.id);
    expect(shipped.modules.map((m) => m.order)).not.toContain(money.order);
  });

  test('It has 4 to 6 lessons; each asks two questions, has two quizzes, follows the worked example and ends in its only summary', () => {
    expect(money.lessons.length).toBeGreaterThanOrEqual(4);
    expect(money.lessons.length).toBeLessThanOrEqual(6);
    expect(stepsOf('question').filter((l) => l.count < 2)).toEqual([]);
    expect(stepsOf('quiz').filter((l) => l.count < 2)).toEqual([]);
    expect(stepsOf('example').filter((l) => l.count < 1)).toEqual([]);
    const badSummaries = money.lessons.filter((l) => {
      const at = l.steps.map((s, i) => (s.kind === 'summary' ? i : -1)).filter((i) => i >= 0);
      return at.length !== 1 || at[0] !== l.steps.length - 1;
    });
    expect(badSummaries.map((l) => l.id)).toEqual([]);
  });

  test('Every quiz has 3 to 4 options, exactly one correct', () => {
    const offenders = money.lessons.flatMap((l) =>
      l.steps.flatMap((s) =>
        s.kind === 'quiz' && (s.options.length < 3 || s.options.length > 4 || s.options.filter((o) => o.correct).length !== 1)
          ? [`${l.id}/${s.id}`]
          : [],
      ),
    );
    expect(offenders).toEqual([]);
  });

  test('Ids are unique: lessons, steps within a lesson, lines within a calculation', () => {
    const duplicates = (ids: readonly string[]) => ids.filter((id, i) => ids.indexOf(id) !== i);
    expect(duplicates(money.lessons.map((l) => l.id))).toEqual([]);
    for (const l of money.lessons) {
      expect(duplicates(l.steps.map((s) => s.id))).toEqual([]);
      for (const s of l.steps) if (s.kind === 'calculation') expect(duplicates(s.lines.map((line) => line.id))).toEqual([]);
    }
  });

  test('Every formula refers to number steps asked before it and to earlier lines of its own calculation', () => {
    expect(formulaProblems(money)).toEqual([]);
  });

  test('Every number step has a range that allows its example answer, and the lower bound is not above the upper', () => {
    const offenders = money.lessons.flatMap((l) =>
      l.steps.flatMap((s) => {
        if (s.kind !== 'number') return [];
        const answer = TRADEN[`${l.id}/${s.id}`];
        const problems: string[] = [];
        if (answer === undefined) problems.push('no example answer in this test');
        if (s.min !== undefined && s.max !== undefined && s.min > s.max) problems.push('min above max');
        if (answer !== undefined && ((s.min !== undefined && answer < s.min) || (s.max !== undefined && answer > s.max)))
          problems.push(`example answer ${answer} out of range`);
        return problems.map((p) => `${l.id}/${s.id}: ${p}`);
      }),
    );
    expect(offenders).toEqual([]);
  });

  test('Every artefact field the draft writes is declared, and every declared field is filled', () => {
    const declared = new Set(artefacts.flatMap((a) => a.fields.map((f) => `${a.id}.${f.id}`)));
    const written = money.lessons.flatMap((l) =>
      l.steps.flatMap((s) => {
        if (s.kind === 'calculation') return s.lines.flatMap((line) => (line.artefactField ? [line.artefactField] : []));
        return 'artefactField' in s && s.artefactField ? [s.artefactField] : [];
      }),
    );
    expect(written.filter((ref) => !declared.has(ref))).toEqual([]);
    expect([...declared].filter((ref) => !written.includes(ref))).toEqual([]);
    expect(artefacts.map((a) => a.id)).toContain(money.artefact);
    expect(shipped.artefacts.map((a) => a.id).filter((id) => artefacts.some((a) => a.id === id))).toEqual([]);
  });

  test(`Every text is in both languages, differs between them and is at most ${MAX_MESSAGE_LENGTH} characters`, () => {
    const texts = localizedTexts(money, money.id);
    expect(texts.filter((t) => t.sv.length > MAX_MESSAGE_LENGTH || t.en.length > MAX_MESSAGE_LENGTH).map((t) => t.where)).toEqual([]);
    expect(
      texts.filter((t) => !t.where.includes('/sources/') && /\p{L}/u.test(t.sv) && t.sv.trim() === t.en.trim()).map((t) => `${t.where}: ${t.sv}`),
    ).toEqual([]);
  });

  test('Rubric keywords are lower-case stems of at least four letters and not function words', () => {
    const offenders = money.lessons.flatMap((l) =>
      l.steps.flatMap((s) =>
        s.kind !== 'question'
          ? []
          : (s.rubric ?? []).flatMap((c) =>
              (['sv', 'en'] as const).flatMap((language) =>
                c.keywords[language]
                  .filter(
                    (k) =>
                      k !== k.toLocaleLowerCase(language) ||
                      k.replace(/[^\p{L}]/gu, '').length < 4 ||
                      FUNCTION_WORDS.has(k.trim().split(/\s+/)[0] ?? ''),
                  )
                  .map((k) => `${l.id}/${s.id}.${language}: "${k}"`),
              ),
            ),
      ),
    );
    expect(offenders).toEqual([]);
  });

  test('Its sources point to what they cite, and its quizzes repeat no quiz of the shipped modules', () => {
    expect(homePageSources(withDraft)).toEqual([]);
    expect(repeatedQuizzes(withDraft)).toEqual([]);
  });
});

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

describe('the worked example, worked out by the formulas', () => {
  const results = evaluate(money, TRADEN);
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
    expect(value).toBeDefined();
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
    expect([...results].filter(([, v]) => !Number.isFinite(v)).map(([k]) => k)).toEqual([]);
  });
});
