import type { OutboundActivity } from '../../bot/channel/activity';
import { TeamsRenderer } from '../../adapters/channels/teamsRenderer';
import { messageToEvent } from '../../bot/activityToEvent';
import type { TurnMessage } from '../../bot/turnEngine';
import { loadCurriculumOrThrow } from '../../curriculum/loadCurriculum';
import { LOCALES } from '../../curriculum/schema';
import type { Choice } from '../../dialogs/outgoing';
import { ConversationDriver } from '../support/conversationDriver';
import { adaptiveCardProblems } from './adaptiveCardValidator';
import { activityBytes, cardsOf, elementsOf, submittedValue, textsOf } from './teamsActivities';
import { walkConversation, type Walk, type WalkedTurn } from './walkConversation';

const curriculum = loadCurriculumOrThrow();
/** The first two modules, and the Money module for its number and calculation steps. */
const walkedModules = [...curriculum.modules.slice(0, 2).map((m) => m.id), 'money'];
const renderer = new TeamsRenderer();
/** Teams refuses messages larger than about 28 KB. */
const TEAMS_MESSAGE_BYTES = 28 * 1024;

const submits = (card: Record<string, unknown>) => elementsOf(card, 'Action.Submit').map((a) => ({ title: a.title, data: a.data }));

function choicesOf(messages: readonly TurnMessage[]): Choice[] {
  return messages.flatMap((m) => ('choices' in m ? m.choices : []));
}

describe.each(LOCALES)('Teams rendering of a whole conversation from the real content (%s)', (locale) => {
  let walk: Walk;
  let rendered: { turn: WalkedTurn; activities: OutboundActivity[] }[];
  const allActivities = () => rendered.flatMap((r) => r.activities);
  const allCards = () => rendered.flatMap(({ turn, activities }) => activities.flatMap(cardsOf).map((card) => ({ turn, card })));

  beforeAll(async () => {
    walk = await walkConversation(curriculum, locale, walkedModules);
    rendered = walk.turns.map((turn) => ({ turn, activities: renderer.render(turn.messages) }));
  });

  it('walks every lesson of the modules walked to its end', () => {
    const lessons = curriculum.modules.filter((m) => walkedModules.includes(m.id)).flatMap((m) => m.lessons.map((l) => `${m.id}/${l.id}`));
    expect(lessons.filter((l) => l.startsWith('money/')).length).toBeGreaterThanOrEqual(4);
    expect(walk.completedLessons).toEqual(lessons);
  });

  it('meets every kind of message and every kind of card the bot sends', () => {
    const kinds = new Set(walk.turns.flatMap((t) => t.messages.map((m) => m.kind)));
    expect([...kinds].sort()).toEqual(['artefact', 'calculation', 'choices', 'export', 'progress', 'summary', 'text']);
    const cards = allCards().map((c) => c.card);
    expect(cards.some((c) => elementsOf(c, 'Input.ChoiceSet').length > 0)).toBe(true);
    expect(cards.some((c) => elementsOf(c, 'RichTextBlock').length > 0)).toBe(true);
    expect(cards.some((c) => elementsOf(c, 'ColumnSet').length > 0)).toBe(true);
    expect(cards.some((c) => elementsOf(c, 'Action.Submit').some((a) => /^\d+$/.test(String(a.title))))).toBe(true);
    expect(allActivities().some((a) => a.suggestedActions)).toBe(true);
  });

  it('sends only cards that validate against the Adaptive Card 1.5 schema and Teams’ rules', () => {
    const cards = allCards();
    expect(cards.length).toBeGreaterThan(40);
    const problems = cards.flatMap(({ turn, card }) => adaptiveCardProblems(card).map((p) => `${turn.name}: ${p}`));
    expect(problems).toEqual([]);
  });

  it('keeps suggested actions to three imBack actions on the last activity of a reply, never beside attachments', () => {
    for (const { turn, activities } of rendered) {
      activities.forEach((activity, i) => {
        if (!activity.suggestedActions) return;
        const where = `${turn.name} #${i}`;
        expect({ where, count: activity.suggestedActions.actions.length <= 3 }).toEqual({ where, count: true });
        expect({ where, attachments: activity.attachments ?? [] }).toEqual({ where, attachments: [] });
        expect({ where, last: i === activities.length - 1 }).toEqual({ where, last: true });
        expect(activity.suggestedActions.actions.every((a) => a.type === 'imBack' && a.value === a.title)).toBe(true);
      });
    }
  });

  it('gives every button object data whose choice the bot reads back as one of the offered choices', () => {
    for (const { turn, activities } of rendered) {
      const offered = choicesOf(turn.messages).map((c) => c.value);
      for (const card of activities.flatMap(cardsOf)) {
        for (const action of elementsOf(card, 'Action.Submit')) {
          const value = submittedValue(card, action);
          expect(typeof action.data).toBe('object');
          expect(typeof value.choice).toBe('string');
          const event = messageToEvent({ text: '', value });
          expect(event).not.toBeNull();
          for (const picked of String(value.choice).split(','))
            expect({ turn: turn.name, picked, offered: offered.includes(picked) }).toEqual({ turn: turn.name, picked, offered: true });
        }
      }
    }
  });

  it('offers every choice of every message, as a button, a list entry or a suggested action', () => {
    for (const { turn, activities } of rendered) {
      const cards = activities.flatMap(cardsOf);
      const onCards = new Set([
        ...cards.flatMap((c) => elementsOf(c, 'Action.Submit').map((a) => (a.data as { choice?: string }).choice)),
        ...cards.flatMap((c) => elementsOf(c, 'Input.ChoiceSet').flatMap((i) => (i.choices as { value: string }[]).map((x) => x.value))),
      ]);
      const suggested = new Set(activities.flatMap((a) => a.suggestedActions?.actions.map((s) => String(s.value)) ?? []));
      for (const choice of choicesOf(turn.messages)) {
        expect({ turn: turn.name, choice: choice.value, shown: onCards.has(choice.value) || suggested.has(choice.label) }).toEqual({
          turn: turn.name,
          choice: choice.value,
          shown: true,
        });
      }
    }
  });

  it('keeps every activity, cards and export parts alike, under Teams’ 28 KB message limit', () => {
    const sizes = allActivities().map(activityBytes);
    expect(Math.max(...sizes)).toBeLessThan(TEAMS_MESSAGE_BYTES);
    for (const { card } of allCards()) expect(Buffer.byteLength(JSON.stringify(card), 'utf8')).toBeLessThan(TEAMS_MESSAGE_BYTES);
  });

  it('takes a tapped suggested action (its label sent back as text by imBack) to the same place as the choice itself', () => {
    const byLabel = new ConversationDriver(curriculum);
    const byValue = new ConversationDriver(curriculum);
    let checked = 0;
    for (const { turn, activities } of rendered) {
      for (const action of activities.flatMap((a) => a.suggestedActions?.actions ?? [])) {
        const choice = choicesOf(turn.messages).find((c) => c.label === action.value)!;
        byLabel.load(turn.documentAfter);
        byValue.load(turn.documentAfter);
        const typed = byLabel.reply(messageToEvent({ text: String(action.value) })!);
        const chosen = byValue.reply({ type: 'user.choice', value: choice.value });
        expect({ turn: turn.name, label: choice.label, reply: typed, state: byLabel.stateValue }).toEqual({
          turn: turn.name,
          label: choice.label,
          reply: chosen,
          state: byValue.stateValue,
        });
        checked += 1;
      }
    }
    expect(checked).toBeGreaterThan(20);
  });

  it('sends the data export as JSON code blocks that together hold the whole export', () => {
    const exportTurn = walk.turns.find((t) => t.messages.some((m) => m.kind === 'export'))!;
    const json = exportTurn.messages.flatMap((m) => (m.kind === 'export' ? [m.json] : []))[0]!;
    const parts = renderer.render(exportTurn.messages).filter((a) => a.text?.includes('```json'));
    const body = parts.map((p) => /```json\n([\s\S]*)\n```$/.exec(p.text!)![1]!).join('\n');
    expect(JSON.parse(body)).toEqual(JSON.parse(json));
  });

  it('renders every calculation as a card with each line’s arithmetic and result, and a Next button', () => {
    const calculations = rendered.flatMap(({ turn }) =>
      turn.messages.flatMap((m, i) =>
        m.kind === 'calculation' ? [{ message: m, card: cardsOf(renderer.render(turn.messages.slice(i, i + 1))[0]!)[0]! }] : [],
      ),
    );
    expect(calculations.length).toBeGreaterThanOrEqual(7);
    for (const { message, card } of calculations) {
      const texts = textsOf(card);
      expect(texts[0]).toBe(message.text);
      for (const line of message.lines) expect(texts).toContain(`${line.working ? `${line.working} = ` : ''}**${line.result}**`);
      expect(texts.join('\n')).not.toMatch(/NaN|Infinity/);
      expect(submits(card)).toEqual([
        { title: locale === 'sv' ? 'Vidare ▸' : 'Next ▸', data: { choice: 'next', step: expect.stringMatching(/^money\//) } },
      ]);
    }
  });

  it('renders lesson summaries with the learner’s answers', () => {
    const summaries = allCards().filter(({ card }) => textsOf(card).some((t) => t.includes(locale === 'sv' ? 'svar på' : 'answer to')));
    expect(summaries.length).toBeGreaterThan(0);
  });
});

describe('TeamsRenderer, message by message', () => {
  const render = (...messages: TurnMessage[]) => renderer.render(messages);
  const onlyCard = (activities: OutboundActivity[]) => {
    expect(activities).toHaveLength(1);
    const cards = cardsOf(activities[0]!);
    expect(cards).toHaveLength(1);
    expect(adaptiveCardProblems(cards[0])).toEqual([]);
    return cards[0]!;
  };

  it('sends text as a Markdown message', () => {
    expect(render({ kind: 'text', text: 'Hej **Amina**' })).toEqual([{ type: 'message', text: 'Hej **Amina**', textFormat: 'markdown' }]);
  });

  it('keeps single line breaks in text as Markdown hard breaks, which Teams would otherwise join', () => {
    expect(render({ kind: 'text', text: 'Automatic feedback: ✔ Good\n➜ Add a number\n\nNext' })[0]!.text).toBe(
      'Automatic feedback: ✔ Good  \n➜ Add a number\n\nNext',
    );
  });

  it('puts each line of a card text in its own TextBlock, since card Markdown ignores single line breaks', () => {
    const card = onlyCard(
      render({
        kind: 'choices',
        text: 'How sure are you?\n1 = not at all, 5 = very\n\nPick one.',
        choices: ['1', '2', '3', '4'].map((n) => ({ label: n, value: n })),
      }),
    );
    expect(elementsOf(card, 'TextBlock').map((t) => [t.text, t.spacing])).toEqual([
      ['How sure are you?', undefined],
      ['1 = not at all, 5 = very', 'none'],
      ['Pick one.', 'medium'],
    ]);
  });

  it('sends nothing for blank text, which Teams would refuse', () => {
    expect(render({ kind: 'text', text: '  ' })).toEqual([]);
  });

  it('offers up to three short choices on the last message as imBack suggested actions', () => {
    const [activity] = render({
      kind: 'choices',
      text: 'Ready?',
      choices: [
        { label: 'Next', value: 'next' },
        { label: 'Skip', value: 'cmd:skip' },
      ],
    });
    expect(activity).toEqual({
      type: 'message',
      text: 'Ready?',
      textFormat: 'markdown',
      suggestedActions: {
        to: [],
        actions: [
          { type: 'imBack', title: 'Next', value: 'Next' },
          { type: 'imBack', title: 'Skip', value: 'Skip' },
        ],
      },
    });
  });

  it('puts short choices on a card when another message follows, since Teams drops suggested actions that are not last', () => {
    const activities = render({ kind: 'choices', text: 'Ready?', choices: [{ label: 'Next', value: 'next' }] }, { kind: 'text', text: 'Tip' });
    const card = onlyCard(activities.slice(0, 1));
    expect(submits(card)).toEqual([{ title: 'Next', data: { choice: 'next' } }]);
    expect(activities[1]).toEqual({ type: 'message', text: 'Tip', textFormat: 'markdown' });
  });

  it('renders more than three choices as a card with one Action.Submit per choice carrying { choice }', () => {
    const choices = ['1', '2', '3', '4', '5'].map((n) => ({ label: n, value: n }));
    const card = onlyCard(render({ kind: 'choices', text: 'How sure are you?', choices }));
    expect(textsOf(card)).toEqual(['How sure are you?']);
    expect(submits(card)).toEqual(choices.map((c) => ({ title: c.label, data: { choice: c.value } })));
    expect(elementsOf(card, 'ActionSet')).toHaveLength(1);
  });

  it('gives choices too long for a row one button row each, and never more than six buttons in a row', () => {
    const choices = Array.from({ length: 8 }, (_, i) => ({ label: `Module number ${i + 1} title`, value: `module:m${i}` }));
    const card = onlyCard(render({ kind: 'choices', text: 'Pick a module', choices }));
    const sets = elementsOf(card, 'ActionSet');
    expect(sets).toHaveLength(8);
    expect(sets.every((s) => (s.actions as unknown[]).length === 1)).toBe(true);
    expect(submits(card).map((s) => s.title)).toEqual(choices.map((c) => c.label));
  });

  it('lists labels too long for a button as numbered text with numbered buttons', () => {
    const choices = [
      { label: 'A profitable part of the business funds a social intervention that does not pay its own way', value: 'a' },
      { label: 'Short', value: 'b' },
    ];
    const card = onlyCard(render({ kind: 'choices', text: 'Which model?', choices }));
    expect(textsOf(card)).toEqual(['Which model?', `**1.** ${choices[0]!.label}`, '**2.** Short']);
    expect(submits(card)).toEqual([
      { title: '1', data: { choice: 'a' } },
      { title: '2', data: { choice: 'b' } },
    ]);
  });

  it('keeps at most six numbered buttons in a row when many labels are too long for a button', () => {
    const choices = Array.from({ length: 8 }, (_, i) => ({
      label: `Option ${i + 1}: a long explanation that cannot fit on any button`,
      value: `o${i}`,
    }));
    const card = onlyCard(render({ kind: 'choices', text: 'Which one?', choices }));
    expect(elementsOf(card, 'ActionSet').map((s) => (s.actions as unknown[]).length)).toEqual([6, 2]);
    expect(submits(card).map((s) => s.title)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8']);
  });

  it('leaves out blank texts instead of sending empty TextBlocks', () => {
    const card = onlyCard(
      render({
        kind: 'summary',
        title: 'Summary',
        text: ' ',
        answers: [{ label: '', answer: 'Young people' }],
        progressLine: '',
        choices: [{ label: 'Menu', value: 'cmd:menu' }],
      }),
    );
    expect(textsOf(card)).toEqual(['Summary', 'Young people']);
  });

  it('renders a multiple choice as a multi-select list with id "choice" whose submit the bot reads as comma-joined values', () => {
    const choices = [
      { label: 'Price', value: 'price' },
      { label: 'Quality', value: 'quality' },
      { label: 'Place', value: 'place' },
    ];
    const card = onlyCard(render({ kind: 'choices', text: 'Pick all that apply', choices, multiple: true }));
    const [input] = elementsOf(card, 'Input.ChoiceSet');
    expect(input).toMatchObject({ id: 'choice', isMultiSelect: true, choices: choices.map((c) => ({ title: c.label, value: c.value })) });
    const [submit] = elementsOf(card, 'Action.Submit');
    expect(elementsOf(card, 'Action.Submit')).toHaveLength(1);
    expect(messageToEvent({ text: '', value: submittedValue(card, submit!) })).toEqual({ type: 'user.choice', value: 'price,quality' });
  });

  it('renders the module menu with a row per module (title, bar, lessons done) and a button per choice', () => {
    const card = onlyCard(
      render({
        kind: 'progress',
        title: 'Your modules',
        modules: [
          { moduleId: 'a', title: 'From challenge to idea', lessonsDone: 2, lessonCount: 5, percent: 40, bar: '▰▰▱▱▱ 40 %' },
          { moduleId: 'b', title: 'Business model', lessonsDone: 0, lessonCount: 6, percent: 0, bar: '▱▱▱▱▱ 0 %' },
        ],
        choices: [
          { label: 'Continue where I was', value: 'cmd:continue' },
          { label: 'From challenge to idea', value: 'module:a' },
          { label: 'Business model', value: 'module:b' },
        ],
      }),
    );
    const rows = elementsOf(card, 'ColumnSet').map((row) => textsOf(row));
    expect(rows).toEqual([
      ['From challenge to idea', '▰▰▱▱▱ 40 %', '2/5'],
      ['Business model', '▱▱▱▱▱ 0 %', '0/6'],
    ]);
    expect(textsOf(card)[0]).toBe('Your modules');
    expect(submits(card).map((s) => s.data)).toEqual([{ choice: 'cmd:continue' }, { choice: 'module:a' }, { choice: 'module:b' }]);
  });

  it('renders a summary with each answer under its question, the progress line and the next steps', () => {
    const card = onlyCard(
      render({
        kind: 'summary',
        title: 'Summary: Your challenge',
        text: 'Well done.',
        answers: [
          { label: 'What is the challenge?', answer: 'Long-term unemployment' },
          { label: 'Who is affected?', answer: 'Young people' },
        ],
        progressLine: 'Module: ▰▱▱▱▱ 1/5',
        choices: [
          { label: 'Next lesson', value: 'next' },
          { label: 'Back to menu', value: 'cmd:menu' },
        ],
      }),
    );
    expect(textsOf(card)).toEqual([
      'Summary: Your challenge',
      'Well done.',
      'What is the challenge?',
      'Long-term unemployment',
      'Who is affected?',
      'Young people',
      'Module: ▰▱▱▱▱ 1/5',
    ]);
    expect(submits(card).map((s) => s.data)).toEqual([{ choice: 'next' }, { choice: 'cmd:menu' }]);
  });

  it('cuts very long answers with "…" so a summary stays under the 28 KB limit', () => {
    const answer = 'Vi vill öka sysselsättningen för unga i Jönköping. '.repeat(100).slice(0, 5000);
    const answers = Array.from({ length: 30 }, (_, i) => ({ label: `Fråga ${i + 1}`, answer }));
    const [activity] = render({ kind: 'summary', title: 'Sammanfattning', text: 'Bra jobbat.', answers, progressLine: '1/5', choices: [] });
    const card = onlyCard([activity!]);
    expect(activityBytes(activity!)).toBeLessThan(TEAMS_MESSAGE_BYTES);
    const shown = textsOf(card).filter((t) => t.startsWith('Vi vill'));
    expect(shown).toHaveLength(30);
    expect(shown.every((t) => t.endsWith('…') && t.length < answer.length)).toBe(true);
  });

  it('puts what the learner wrote into cards as plain text runs, which Teams never reads as Markdown', () => {
    const hostile = '<img src=x onerror=alert(1)> **Anna** [x](https://example.com)';
    const summary = onlyCard(
      render({
        kind: 'summary',
        title: 'Summary',
        text: 'Well done.',
        answers: [{ label: 'Who?', answer: hostile }],
        progressLine: '1/5',
        choices: [],
      }),
    );
    const artefact = onlyCard(render({ kind: 'artefact', title: 'Canvas', fields: [{ label: 'Beneficiaries', value: hostile }] }));
    for (const card of [summary, artefact]) {
      expect(elementsOf(card, 'TextRun').map((t) => t.text)).toEqual([hostile]);
      expect(elementsOf(card, 'TextBlock').some((t) => String(t.text).includes('Anna'))).toBe(false);
      expect(adaptiveCardProblems(card)).toEqual([]);
    }
  });

  it('renders an artefact as bold labels with the values as plain text under them, cut to fit when long', () => {
    const long = 'x'.repeat(5000);
    const fields = [
      { label: 'Beneficiaries', value: 'Young people' },
      ...Array.from({ length: 30 }, (_, i) => ({ label: `Field ${i}`, value: long })),
      { label: 'Empty', value: '' },
    ];
    const [activity] = render({ kind: 'artefact', title: 'Social Business Model Canvas', fields });
    const card = onlyCard([activity!]);
    const labels = elementsOf(card, 'TextBlock').filter((t) => t.weight === 'bolder' && t.style !== 'heading');
    const values = elementsOf(card, 'TextRun').map((t) => String(t.text));
    expect(labels.map((t) => t.text)).toEqual(fields.map((f) => f.label));
    expect(values[0]).toBe('Young people');
    expect(values.at(-1)).toBe('–');
    expect(values.slice(1, -1).every((v) => v.endsWith('…'))).toBe(true);
    expect(activityBytes(activity!)).toBeLessThan(TEAMS_MESSAGE_BYTES);
  });

  it('renders a calculation with each label in bold, the arithmetic and result under it, the notes subtle, and Next', () => {
    const card = onlyCard(
      render({
        kind: 'calculation',
        text: 'This is how it looks:',
        lines: [
          { label: 'Contribution', working: 'SEK 300 − –', result: '–' },
          { label: 'Price per year', working: '', result: 'SEK 3,600' },
        ],
        notes: ['A number is missing: “What do the materials cost?” in the lesson “Price”.', 'Lines that cannot be worked out show –.'],
        choices: [{ label: 'Next ▸', value: 'next' }],
      }),
    );
    const blocks = elementsOf(card, 'TextBlock');
    expect(blocks.map((b) => b.text)).toEqual([
      'This is how it looks:',
      'Contribution',
      'SEK 300 − – = **–**',
      'Price per year',
      '**SEK 3,600**',
      'A number is missing: “What do the materials cost?” in the lesson “Price”.',
      'Lines that cannot be worked out show –.',
    ]);
    expect(blocks.filter((b) => b.weight === 'bolder').map((b) => b.text)).toEqual(['Contribution', 'Price per year']);
    expect(blocks.filter((b) => b.isSubtle === true)).toHaveLength(2);
    expect(submits(card)).toEqual([{ title: 'Next ▸', data: { choice: 'next' } }]);
  });

  const download = {
    token: 'ex1.abc.def',
    text: 'Here is everything I have stored about you.',
    documentLabel: 'Open the document',
    documentFile: 'my-data.html',
    dataLabel: 'Download the data file (JSON)',
    dataFile: 'my-data.json',
  };

  it('without a public address for links, sends the export as one JSON code block after its text', () => {
    expect(render({ kind: 'export', json: '{\n  "a": 1\n}', inlineText: 'Here it is:', download })).toEqual([
      { type: 'message', textFormat: 'markdown', text: 'Here it is:' },
      { type: 'message', textFormat: 'markdown', text: '```json\n{\n  "a": 1\n}\n```' },
    ]);
  });

  it('with a public address, sends the export as a card with links that open the document and the data file', () => {
    const linked = new TeamsRenderer('https://bot.example.org/').render([{ kind: 'export', json: '{}', inlineText: 'Here it is:', download }]);
    const card = onlyCard(linked);
    expect(elementsOf(card, 'Action.OpenUrl').map((a) => [a.title, a.url])).toEqual([
      ['Open the document', 'https://bot.example.org/exports/my-data.html?t=ex1.abc.def'],
      ['Download the data file (JSON)', 'https://bot.example.org/exports/my-data.json?t=ex1.abc.def'],
    ]);
    expect(adaptiveCardProblems(card)).toEqual([]);
  });

  it('never uses Action.Execute and always uses card version 1.5', () => {
    const activities = render(
      { kind: 'choices', text: 'a', choices: [1, 2, 3, 4].map((n) => ({ label: String(n), value: String(n) })) },
      { kind: 'artefact', title: 't', fields: [{ label: 'l', value: 'v' }] },
    );
    const cards = activities.flatMap(cardsOf);
    expect(cards.map((c) => c.version)).toEqual(['1.5', '1.5']);
    expect(cards.flatMap((c) => elementsOf(c, 'Action.Execute'))).toEqual([]);
  });
});
