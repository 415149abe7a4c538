import { offlineReply } from '../../adapters/ai/offlineCoach';
import { meetsKeyword, readAnswer } from '../../adapters/ai/rubricMatch';
import type { FeedbackRequest } from '../../bot/ports/coach';
import { loadCurriculumOrThrow } from '../../curriculum/loadCurriculum';
import type { Locale, QuestionStep } from '../../curriculum/schema';

const curriculum = loadCurriculumOrThrow();
const questions = new Map(
  curriculum.modules.flatMap((m) => m.lessons.flatMap((l) => l.steps.flatMap((s) => (s.kind === 'question' ? [[s.id, s] as const] : [])))),
);

function feedback(stepId: string, locale: Locale, answer: string): string {
  const step = questions.get(stepId)!;
  const request: FeedbackRequest = {
    kind: 'feedback',
    locale,
    learner: { earlierAnswers: [] },
    organisationId: 'demo',
    lesson: { moduleId: 'm', lessonId: 'l', moduleTitle: 'M', lessonTitle: 'L', teaching: [] },
    stepId,
    prompt: step.prompt[locale],
    rubric: step.rubric ?? [],
    answer,
  };
  return offlineReply(request);
}

/** Which criteria (by position in the step's rubric) the feedback says are met. */
function metCriteria(stepId: string, locale: Locale, text: string): number[] {
  const step = questions.get(stepId) as QuestionStep;
  return (step.rubric ?? []).flatMap((criterion, at) => (text.includes(`✔ ${criterion.met[locale]}`) ? [at] : []));
}

/** [step, language, answer, criteria the answer meets]. Good, thin, off-topic and empty-ish answers, in both languages. */
const table: readonly (readonly [string, Locale, string, readonly number[]])[] = [
  // Good answers meet what they say.
  ['your-challenge', 'sv', 'Allt fler äldre på landsbygden är ensamma, och bristen på mötesplatser ökar.', [0, 1]],
  ['your-challenge', 'en', 'More and more older people in the countryside are lonely, and the lack of meeting places is growing.', [0, 1]],
  ['your-challenge', 'sv', 'Ungdomar i förorten saknar sommarjobb.', [0, 1]],
  ['your-challenge', 'en', 'Young people in the suburbs have no summer jobs.', [0]],
  ['who-is-affected', 'sv', 'Äldre över 80 år som bor ensamma på landsbygden; jag har pratat med tolv av dem.', [0, 1]],
  ['who-is-affected', 'en', 'People aged 80 and over who live in villages; I interviewed twelve of them.', [0, 1]],
  ['who-is-affected', 'sv', '16–19-åringar i Husby.', [0]],
  [
    'root-causes',
    'sv',
    'Busslinjen har lagts ner och affären har stängt, så det finns för få mötesplatser. Kommunens regler gör det svårt att starta nya.',
    [0, 1],
  ],
  ['root-causes', 'en', 'The bus line was closed and the shop moved, and the rules of the municipality make new meeting places expensive.', [0, 1]],
  ['how-might-we', 'sv', 'Hur kan vi få fler äldre i Kinda att träffa andra varje vecka?', [0, 1]],
  ['how-might-we', 'en', 'How might we help young newcomers find their first job?', [0, 1]],
  ['partner-gain', 'sv', 'Kommunen sparar pengar på hemtjänsten och når sitt mål om mindre ensamhet; vi behöver deras kontaktnät.', [0, 1]],
  ['partner-gain', 'en', 'The council saves money and meets its goal; we need their network and premises.', [0, 1]],
  ['riskiest-assumption', 'sv', 'De äldre är beredda att släppa in en ny person i hemmet.', [0]],
  ['riskiest-assumption', 'en', 'Families are willing to pay 200 kronor a month.', [0]],
  ['your-test', 'sv', 'Vi testar i fyra veckor med tio deltagare; om färre än hälften kommer tillbaka ändrar vi idén.', [0, 1]],
  ['your-test', 'en', 'Four weeks with ten participants; if fewer than half come back, we change the idea.', [0, 1]],
  ['beneficiaries', 'sv', 'Unga vuxna som står långt från arbetsmarknaden och saknar erfarenhet.', [0, 1]],
  ['beneficiaries', 'en', 'Adults with a disability who are unemployed and lonely.', [0, 1]],
  ['key-activities', 'sv', 'Vi reparerar cyklar och ger handledning till deltagarna.', [0, 1]],
  ['key-activities', 'en', 'We repair bikes and give supervision and training to the participants.', [0, 1]],
  ['indicators', 'sv', 'Minst 60 % av deltagarna har jobb efter tolv månader; handledaren följer upp.', [0, 1, 2]],
  ['indicators', 'en', 'At least 60 % of participants have a job within 12 months; the supervisor follows up.', [0, 1, 2]],
  ['your-growth-goal', 'sv', 'Vi vill dubbla antalet deltagare till 2028 så att fler får jobb.', [0, 1, 2]],
  ['your-growth-goal', 'en', 'Double the number of trainees by 2028, so that more get a job.', [0, 1, 2]],
  ['your-public-buyers', 'sv', 'Kommunens fastighetsförvaltning, som köper städning och saknar folk.', [0, 1]],
  ['your-public-buyers', 'en', 'The municipal housing company, which buys cleaning and is looking for staff.', [0, 1]],
  ['cost-list', 'sv', 'Hyra 8 000 kr, försäkring 500 kr, redovisning – den är jag osäker på.', [0, 1]],
  ['outcomes', 'en', 'First they learn the trade and feel more confident; then they build a network, which leads to a job.', [0, 1]],
  // Thin, off-topic and empty-ish answers meet nothing, so nothing is praised.
  ['your-challenge', 'sv', 'Det är svårt att säga.', []],
  ['your-challenge', 'en', 'It is hard to say.', []],
  ['your-challenge', 'sv', 'Vet inte än.', []],
  ['your-challenge', 'en', 'No idea yet, to be honest.', []],
  ['who-is-affected', 'sv', 'Många olika.', []],
  ['who-is-affected', 'en', 'Various people, it depends.', []],
  ['root-causes', 'sv', 'Det är svårt, många saker spelar in.', []],
  ['root-causes', 'en', 'Hard to say, lots of things.', []],
  ['how-might-we', 'sv', 'Vi gör något bra för världen.', []],
  ['partner-gain', 'sv', 'De får vara med och vi får hjälp.', []],
  ['partner-gain', 'en', 'They get to join in and we get help.', []],
  ['riskiest-assumption', 'sv', 'Vi vill göra skillnad.', []],
  ['riskiest-assumption', 'en', 'We want to make a difference and we will.', []],
  ['your-test', 'en', 'We will try it and see if it works.', []],
  ['beneficiaries', 'sv', 'Alla som behöver det.', []],
  ['beneficiaries', 'en', 'Everyone who needs it, it is hard for many.', []],
  ['outcomes', 'sv', 'Att de kan få det annorlunda om det går.', []],
  ['outcomes', 'en', 'That they can have more of everything if it works.', []],
  ['indicators', 'en', 'We will see how it goes.', []],
  ['your-growth-goal', 'en', 'Grow as much as we can.', []],
  ['your-public-buyers', 'en', 'Someone who wants what we do.', []],
  ['key-activities', 'en', 'We make things happen.', []],
  ['cost-list', 'en', 'asdf', []],
  ['your-challenge', 'sv', '............', []],
  ['who-is-affected', 'en', 'svårt', []],
];

describe('the offline coach', () => {
  it('has a table of at least 40 answers in both languages across different rubrics', () => {
    expect(table.length).toBeGreaterThanOrEqual(40);
    expect(new Set(table.map(([, locale]) => locale))).toEqual(new Set(['sv', 'en']));
    expect(new Set(table.map(([step]) => step)).size).toBeGreaterThanOrEqual(12);
  });

  it.each(table)('at %s (%s) reads “%s” as meeting criteria %j', (stepId, locale, answer, met) => {
    const text = feedback(stepId, locale, answer);
    expect(metCriteria(stepId, locale, text)).toEqual(met);
    // It says what it is, whatever it found.
    expect(text.split('\n')[0]).toBe(
      locale === 'sv'
        ? 'En enkel automatisk kontroll av vilka ämnen svaret tar upp – ingen människa och ingen AI har läst det.'
        : 'A simple automatic check of which topics the answer mentions – no person and no AI has read it.',
    );
    if (met.length === 0) {
      expect(text).not.toContain('✔');
      expect(text).toMatch(locale === 'sv' ? /Jag hittade inget av det jag letar efter/ : /I found none of the things I look for/);
    }
  });

  it('matches whole words and their endings, never a word inside another', () => {
    const read = (text: string, locale: Locale = 'sv') => readAnswer(text, locale);
    expect(meetsKeyword(read('Det är svårt att säga.'), 'år', 'sv')).toBe(false);
    expect(meetsKeyword(read('Om två år har vi tio anställda.'), 'år', 'sv')).toBe(true);
    expect(meetsKeyword(read('Under åren har det blivit värre.'), 'år', 'sv')).toBe(true);
    expect(meetsKeyword(read('Ett århundrade av brister.'), 'år', 'sv')).toBe(false);
    expect(meetsKeyword(read('Många barnfamiljer i området.'), 'famil', 'sv')).toBe(true);
    expect(meetsKeyword(read('Vi kan inte.'), 'kan', 'sv')).toBe(true);
    expect(meetsKeyword(read('Vi har en kanot.'), 'kan', 'sv')).toBe(false);
    expect(meetsKeyword(read('Our stakeholders agree.', 'en'), 'older', 'en')).toBe(false);
    expect(meetsKeyword(read('Allt fler söker hjälp.'), 'allt fler', 'sv')).toBe(true);
    expect(meetsKeyword(read('Fler söker allt.'), 'allt fler', 'sv')).toBe(false);
    expect(meetsKeyword(read('Minst 60 % har jobb.'), '%', 'sv')).toBe(true);
    expect(meetsKeyword(read('Till 2028.'), '2', 'sv')).toBe(true);
  });

  it('finds no rubric criterion in the content that everyday filler meets', () => {
    const filler: Record<Locale, readonly string[]> = {
      sv: [
        'Det är svårt att säga.',
        'Jag vet inte än.',
        'Vi kan göra det tillsammans med andra om det behövs.',
        'Det beror på.',
        'Vi vill göra skillnad för fler.',
      ],
      en: [
        'It is hard to say.',
        'I do not know yet.',
        'We can do it together with others if needed.',
        'It depends.',
        'We want to make a difference for more people.',
      ],
    };
    const metByFiller = [...questions.values()].flatMap((step) =>
      (step.rubric ?? []).flatMap((criterion, at) =>
        (['sv', 'en'] as const).flatMap((locale) => {
          const hits = filler[locale].filter((t) => criterion.keywords[locale].some((k) => meetsKeyword(readAnswer(t, locale), k, locale)));
          return hits.length > 1 ? [`${step.id}#${at} (${locale}): ${hits.join(' | ')}`] : [];
        }),
      ),
    );
    expect(metByFiller).toEqual([]);
  });

  it('answers a question without a model with the lessons that match it and the advisor contact', () => {
    const text = offlineReply({
      kind: 'question',
      locale: 'en',
      learner: { earlierAnswers: [] },
      organisationId: 'demo',
      question: 'What is an IOP?',
      passages: [
        { moduleId: 'public-sector', lessonId: 'iop', moduleTitle: 'Working with the public sector', lessonTitle: 'IOP', teaching: [], score: 1 },
      ],
      advisor: { organisationName: 'The coop', contact: 'Advisors, advice@coop.example.org' },
    });
    expect(text).toBe(
      [
        'I cannot answer questions myself, but these lessons cover what you ask about:',
        '• “IOP” in the module “Working with the public sector”',
        'Write “menu” and choose the module to open the lesson.',
        'Advisor: Advisors, advice@coop.example.org (The coop)',
      ].join('\n'),
    );
  });
});
