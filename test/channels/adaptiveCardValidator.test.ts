import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { TeamsRenderer } from '../../adapters/channels/teamsRenderer';
import { adaptiveCardProblems } from './adaptiveCardValidator';
import { cardsOf } from './teamsActivities';

type Json = Record<string, unknown>;

function card(body: Json[], extra: Json = {}): Json {
  return { type: 'AdaptiveCard', $schema: 'http://adaptivecards.io/schemas/adaptive-card.json', version: '1.5', body, ...extra };
}

const submit = (choice: string) => ({ type: 'Action.Submit', title: choice, data: { choice } });
const text = (t: string) => ({ type: 'TextBlock', text: t, wrap: true });

describe('the Adaptive Card validator used for every Teams card', () => {
  it('checks against the unchanged official 1.5 schema file', () => {
    const file = readFileSync(path.join(__dirname, '..', 'fixtures', 'adaptive-card-1.5.schema.json'));
    expect(createHash('sha256').update(file).digest('hex')).toBe('5a7e3dec95334c1b6544e44508d095b784eb3146dd75cc6a794e05288f6ab277');
    const schema = JSON.parse(file.toString('utf8')) as { id: string; definitions: Record<string, { version?: string }> };
    expect(schema.id).toBe('http://adaptivecards.io/schemas/adaptive-card.json');
    expect(schema.definitions.Table?.version).toBe('1.5');
  });

  it('accepts a card with text, a fact set, a multi-select input and submit buttons', () => {
    const valid = card([
      text('Pick'),
      { type: 'FactSet', facts: [{ title: 'Label', value: 'Value' }] },
      { type: 'Input.ChoiceSet', id: 'choice', isMultiSelect: true, style: 'expanded', choices: [{ title: 'A', value: 'a' }] },
      { type: 'ActionSet', actions: [submit('a'), submit('b')] },
    ]);
    expect(adaptiveCardProblems(valid)).toEqual([]);
  });

  it.each([
    ['a TextBlock without text', card([{ type: 'TextBlock', wrap: true }])],
    ['an unknown element type', card([{ type: 'Carousel', text: 'x' }])],
    ['an unknown property on a TextBlock', card([{ ...text('x'), colour: 'red' }])],
    ['an input without id', card([{ type: 'Input.ChoiceSet', choices: [] }])],
    ['a fact without a value', card([{ type: 'FactSet', facts: [{ title: 'Label' }] }])],
    ['an unknown property on the card', card([text('x')], { theme: 'dark' })],
  ])('rejects, by the schema, %s', (_name, invalid) => {
    expect(adaptiveCardProblems(invalid).some((p) => p.startsWith('schema:'))).toBe(true);
  });

  it.each([
    [
      'Action.Execute (valid 1.5, but the bot only sends Action.Submit)',
      card([{ type: 'ActionSet', actions: [{ type: 'Action.Execute', title: 'Go', verb: 'go' }] }]),
    ],
    ['an empty TextBlock', card([text(' ')])],
    ['a TextBlock that does not wrap', card([{ type: 'TextBlock', text: 'x' }])],
    ['seven actions in one ActionSet', card([{ type: 'ActionSet', actions: ['1', '2', '3', '4', '5', '6', '7'].map(submit) }])],
    ['string data on Action.Submit', card([{ type: 'ActionSet', actions: [{ type: 'Action.Submit', title: 'x', data: 'x' }] }])],
    ['Markdown in a fact title', card([{ type: 'FactSet', facts: [{ title: '**Label**', value: 'v' }] }])],
    ['a card version above 1.5', card([text('x')], { version: '1.6' })],
  ])('rejects, by Teams’ rules, %s', (_name, invalid) => {
    expect(adaptiveCardProblems(invalid)).not.toEqual([]);
  });

  it('fails for a card the renderer built once one of its TextBlocks loses its text', () => {
    const [activity] = new TeamsRenderer().render([{ kind: 'artefact', title: 'Canvas', fields: [{ label: 'Customers', value: 'Schools' }] }]);
    const built = cardsOf(activity!)[0]!;
    expect(adaptiveCardProblems(built)).toEqual([]);
    const broken = JSON.parse(JSON.stringify(built)) as { body: Json[] };
    delete broken.body[0]!.text;
    expect(adaptiveCardProblems(broken)).not.toEqual([]);
  });
});
