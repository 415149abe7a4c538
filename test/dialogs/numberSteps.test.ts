import { join } from 'node:path';
import { loadCurriculumOrThrow } from '../../curriculum/loadCurriculum';
import type { Curriculum, Locale } from '../../curriculum/schema';
import type { RecordedAnswer } from '../../dialogs/outgoing';
import { ConversationDriver } from '../support/conversationDriver';

/** A module with three number steps, a calculation and a second lesson that works on the first lesson's numbers. */
const curriculum = loadCurriculumOrThrow([join(__dirname, '..', 'fixtures', 'content', 'number-steps')]);
const KEY = 'pricing-check/price-and-cost';

/** Intl puts non-breaking spaces in "45 000 kr"; the turn tables are written with plain ones. */
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

/** A learner at the first number step of the lesson. */
function learnerAtPrice(locale: Locale): { driver: ConversationDriver; say: (text: string) => string } {
  const driver = new ConversationDriver(curriculum);
  driver.onboard(locale);
  driver.choose(`lesson:${KEY}`);
  driver.choose('next');
  return { driver, say: (text: string) => plain(driver.text(text)) };
}

function recorded(driver: ConversationDriver): RecordedAnswer[] {
  return driver.emitted.flatMap((e) => (e.type === 'answer.recorded' ? [e.answer] : []));
}

describe('a number step', () => {
  it('asks with the unit, takes "300 kr", says how it read it, logs the number and moves on (sv)', () => {
    const driver = new ConversationDriver(curriculum);
    driver.onboard('sv');
    driver.choose(`lesson:${KEY}`);

    expect(driver.choose('next')).toContain('Vad tar ni betalt för en enhet? Räkna utan moms.\nSvara med ett tal (kronor).');
    expect(driver.stateValue).toEqual({ active: { lesson: 'number' } });
    const reply = plain(driver.text('300 kr'));

    expect(reply).toContain('Noterat: 300 kr.\nVad kostar materialet för en enhet?');
    expect(driver.context.answers[`${KEY}/price`]).toEqual({ kind: 'number', value: 300 });
    expect(recorded(driver)).toEqual([{ moduleId: 'pricing-check', lessonId: 'price-and-cost', stepId: 'price', stepKind: 'number', answer: 300 }]);
  });

  it.each([
    [
      'sv',
      'trehundra',
      'Jag kan inte läsa det som ett tal. Skriv bara talet (kronor), till exempel 1 500 kr. Svaret ska vara från 0 kr till 100 000 kr.',
    ],
    [
      'en',
      'three hundred',
      'I cannot read that as a number. Please write just the number (SEK), for example SEK 1,500. The answer must be from SEK 0 to SEK 100,000.',
    ],
    ['sv', '-5', '−5 kr går inte här: svaret ska vara från 0 kr till 100 000 kr. Skriv ett annat tal (kronor).'],
    ['en', '250 000', 'SEK 250,000 does not fit here: the answer must be from SEK 0 to SEK 100,000. Please write another number (SEK).'],
  ] as const)(
    'When a learner (%s) answers "%s", Then the bot asks again naming the unit and the bounds, and records nothing',
    (locale, typed, reask) => {
      const { driver, say } = learnerAtPrice(locale);

      expect(say(typed)).toBe(reask);
      expect(driver.context.position?.stepId).toBe('price');
      expect(driver.context.answers[`${KEY}/price`]).toBeUndefined();
      expect(recorded(driver)).toEqual([]);
    },
  );

  it('asks again, rather than failing, when a button from an earlier message is pressed', () => {
    const { driver } = learnerAtPrice('en');

    expect(plain(driver.choose('next'))).toContain('I cannot read that as a number.');
    expect(driver.context.position?.stepId).toBe('price');
  });

  it('can be skipped when optional (logged as an empty answer) and not when it is not', () => {
    const { driver, say } = learnerAtPrice('en');

    expect(say('skip')).toContain('This question cannot be skipped.\nWhat do you charge for one unit?');
    say('300');
    expect(say('skip')).toContain('What are your fixed costs a month?');
    expect(driver.context.answers[`${KEY}/material-cost`]).toEqual({ kind: 'skipped' });
    expect(recorded(driver)).toEqual([expect.objectContaining({ stepId: 'material-cost', stepKind: 'number', answer: '' })]);
  });
});

describe('a calculation step', () => {
  it.each([
    [
      'sv',
      ['300', '120 kr', '36 000'],
      [
        'Så här ser det ut:',
        'Täckningsbidrag: 300 kr − 120 kr = 180 kr',
        'Täckningsgrad: 180 kr ÷ 300 kr × 100 = 60 %',
        'Nollpunkt i sålda enheter: 36 000 kr ÷ 180 kr = 200',
        'Vidare ▸',
      ],
    ],
    [
      'en',
      ['300', 'SEK 120', '36,000'],
      [
        'This is how it looks:',
        'Contribution: SEK 300 − SEK 120 = SEK 180',
        'Contribution ratio: SEK 180 ÷ SEK 300 × 100 = 60%',
        'Break-even in units sold: SEK 36,000 ÷ SEK 180 = 200',
        'Next ▸',
      ],
    ],
  ] as const)('shows the arithmetic on the learner’s numbers line by line (%s)', (locale, answers, shown) => {
    const { driver, say } = learnerAtPrice(locale);
    const replies = answers.map(say);

    expect(replies.at(-1)).toContain(shown.join('\n'));
    expect(driver.stateValue).toEqual({ active: { lesson: 'calculation' } });
  });

  it('shows "–" where a number was skipped, and names the missing question', () => {
    const { say } = learnerAtPrice('sv');
    say('300');
    say('hoppa över');

    const reply = say('36 000');
    expect(reply).toContain('Täckningsbidrag: 300 kr − – = –\nTäckningsgrad: – ÷ 300 kr × 100 = –\nNollpunkt i sålda enheter: 36 000 kr ÷ – = –');
    expect(reply).toContain(
      'Ett tal saknas: ”Vad kostar materialet för en enhet?” i lektionen ”Pris och kostnad”.\nRader som inte går att räkna ut visar –.',
    );
    expect(reply).not.toMatch(/NaN|Infinity|∞/);
  });

  it('shows "–" for a division by zero and says which line it is', () => {
    const { say } = learnerAtPrice('en');
    say('120');
    say('120');

    const reply = say('36000');
    expect(reply).toContain(
      'Contribution: SEK 120 − SEK 120 = SEK 0\nContribution ratio: SEK 0 ÷ SEK 120 × 100 = 0%\nBreak-even in units sold: SEK 36,000 ÷ SEK 0 = –',
    );
    expect(reply).toContain(
      '“Break-even in units sold” cannot be worked out: it would mean dividing by zero.\nLines that cannot be worked out show –.',
    );
    expect(reply).not.toMatch(/NaN|Infinity|∞/);
  });

  it('is passed with Next like a teaching step, and passed over by "back"', () => {
    const { driver, say } = learnerAtPrice('en');
    ['300', '120', '36000'].forEach(say);

    expect(plain(driver.choose('next'))).toContain('What do you think of your price?');
    expect(say('back')).toContain('What are your fixed costs a month?');
    expect(say('40000')).toContain('Break-even in units sold: SEK 40,000 ÷ SEK 180 = 222.2');
  });

  it('works with numbers from an earlier lesson of the module', () => {
    const { driver, say } = learnerAtPrice('sv');
    ['300', '120', '36 000'].forEach(say);
    driver.choose('next');
    say('Bra pris för våra kunder.');
    driver.choose('next');

    expect(say('11')).toContain('Fasta kostnader per år: 36 000 kr × 11 = 396 000 kr');
  });
});

describe('number answers and calculated lines elsewhere', () => {
  it('lists the numbers and the worked-out lines in the lesson summary', () => {
    const { driver, say } = learnerAtPrice('en');
    ['300', '120,50', '36000'].forEach(say);
    driver.choose('next');

    const summary = say('It covers our costs, with some margin.');
    expect(summary).toContain('What do you charge for one unit? Count without VAT.: SEK 300');
    expect(summary).toContain('What do the materials for one unit cost?: SEK 120.50');
    expect(summary).toContain('What are your fixed costs a month?: SEK 36,000/month');
    expect(summary).toContain('Contribution: SEK 179.50\nContribution ratio: 59.83%\nBreak-even in units sold: 200.6');
  });

  it('writes answers and calculated lines into the artefact, leaving out lines it cannot work out yet', () => {
    const { say } = learnerAtPrice('sv');
    say('300');
    say('hoppa över');
    say('36 000');
    expect(say('min kanvas')).toMatch(/^Prisplan\nPris per enhet: 300 kr\nTäckningsbidrag per enhet: –\nNollpunkt: –\nFasta kostnader per år: –\n/);

    say('tillbaka');
    say('tillbaka');
    say('120');
    say('36 000');
    expect(say('min kanvas')).toMatch(
      /^Prisplan\nPris per enhet: 300 kr\nTäckningsbidrag per enhet: 180 kr\nNollpunkt: 200\nFasta kostnader per år: –\n/,
    );
  });

  it('keeps the answer log’s number as a number and restarts the lesson keeping answers until they are given again', () => {
    const { driver, say } = learnerAtPrice('sv');
    say('1 200,50');
    expect(recorded(driver)).toEqual([expect.objectContaining({ stepKind: 'number', answer: 1200.5 })]);

    expect(say('börja om')).toContain('Nu räknar vi på ditt pris.');
    expect(driver.context.answers[`${KEY}/price`]).toEqual({ kind: 'number', value: 1200.5 });
  });
});

describe('content changes at number steps', () => {
  const without = (stepId: string): Curriculum => {
    const [module] = curriculum.modules;
    return {
      ...curriculum,
      modules: [{ ...module!, lessons: module!.lessons.map((l) => ({ ...l, steps: l.steps.filter((s) => s.id !== stepId) })) }],
    };
  };

  it('moves a learner whose number step was removed to the next unanswered number step, keeping their numbers', () => {
    const { driver, say } = learnerAtPrice('en');
    say('300');
    const moved = new ConversationDriver(without('material-cost'));
    moved.load(driver.document);

    expect(plain(moved.text('120'))).toContain('What are your fixed costs a month?');
    expect(moved.stateValue).toEqual({ active: { lesson: 'number' } });
    expect(moved.context.answers[`${KEY}/price`]).toEqual({ kind: 'number', value: 300 });
  });

  it('never moves a learner to a calculation as if it were waiting for an answer', () => {
    const { driver, say } = learnerAtPrice('en');
    ['300', '120', '36000'].forEach(say);
    driver.choose('next');
    const moved = new ConversationDriver(without('reflect'));
    moved.load(driver.document);

    expect(moved.text('hello')).toContain('Summary: Price and cost');
    expect(moved.stateValue).toEqual({ active: { lesson: 'summary' } });
  });
});
