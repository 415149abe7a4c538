import type { Choice } from '../../dialogs/outgoing';

export const ADAPTIVE_CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';
export const ADAPTIVE_CARD_SCHEMA = 'http://adaptivecards.io/schemas/adaptive-card.json';

/** One element of an Adaptive Card body (TextBlock, FactSet, ActionSet, ...), as plain JSON. */
export interface CardElement {
  readonly type: string;
  readonly [property: string]: unknown;
}

/** A button. `data` arrives in the bot as `activity.value`, merged with the card's input values. */
export interface SubmitAction {
  readonly type: 'Action.Submit';
  readonly title: string;
  readonly data: { readonly choice?: string; readonly step?: string };
}

/** An Adaptive Card 1.5 (the highest version Teams renders). */
export interface AdaptiveCard {
  readonly type: 'AdaptiveCard';
  readonly $schema: typeof ADAPTIVE_CARD_SCHEMA;
  readonly version: '1.5';
  readonly body: readonly CardElement[];
}

/** Teams shows at most this many actions in one row; more are dropped. */
const MAX_ACTIONS_PER_ROW = 6;
/** A row of buttons whose labels add up to more than this no longer fits a chat-width card. */
const ROW_CHARS = 36;
/** Teams cuts button titles instead of wrapping them; longer labels are listed as text with numbered buttons. */
const BUTTON_CHARS = 40;

/** A version 1.5 card around the given body (buttons live in ActionSets in the body). */
export function adaptiveCard(body: readonly CardElement[]): AdaptiveCard {
  return { type: 'AdaptiveCard', $schema: ADAPTIVE_CARD_SCHEMA, version: '1.5', body };
}

/**
 * Wrapping TextBlocks for a text, one per line: card Markdown in Teams ignores a single line break and
 * renders a double one differently on desktop and mobile, so separate blocks are the layout that holds
 * everywhere. Blank lines become extra spacing; blank text gives nothing, since Teams refuses cards with
 * empty TextBlocks.
 */
export function textBlocks(text: string, style: Record<string, unknown> = {}): CardElement[] {
  const { spacing: _spacing, separator: _separator, ...look } = style;
  const blocks: CardElement[] = [];
  let afterBlankLine = false;
  for (const line of text.split('\n')) {
    if (line.trim() === '') {
      afterBlankLine = blocks.length > 0;
      continue;
    }
    blocks.push(
      blocks.length === 0
        ? { type: 'TextBlock', text: line, wrap: true, ...style }
        : { type: 'TextBlock', text: line, wrap: true, ...look, spacing: afterBlankLine ? 'medium' : 'none' },
    );
    afterBlankLine = false;
  }
  return blocks;
}

/**
 * Text shown exactly as written (a learner's answer): TextRuns in RichTextBlocks, which Teams never reads as
 * Markdown, one block per line like `textBlocks`. `weight` and `isSubtle` style the runs.
 */
export function plainTextBlocks(text: string, style: { weight?: 'bolder'; isSubtle?: boolean; spacing?: string } = {}): CardElement[] {
  const { spacing, ...look } = style;
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line, i) => ({
      type: 'RichTextBlock',
      inlines: [{ type: 'TextRun', text: line, ...look }],
      ...(i === 0 ? (spacing ? { spacing } : {}) : { spacing: 'none' }),
    }));
}

export function headingBlock(text: string): CardElement[] {
  return textBlocks(text, { style: 'heading', size: 'medium', weight: 'bolder' });
}

export function submitAction(title: string, choice: Pick<Choice, 'value' | 'step'>): SubmitAction {
  return { type: 'Action.Submit', title, data: { choice: choice.value, ...(choice.step ? { step: choice.step } : {}) } };
}

/** FactSet titles are plain text in Teams: drop Markdown emphasis and line breaks. */
export function plainText(text: string): string {
  return text
    .replace(/\*\*|__|`/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

function labelLength(choice: Choice): number {
  return Array.from(choice.label).length;
}

function actionSet(actions: readonly SubmitAction[]): CardElement {
  return { type: 'ActionSet', actions };
}

function rows(actions: readonly SubmitAction[]): CardElement[] {
  const sets: CardElement[] = [];
  for (let start = 0; start < actions.length; start += MAX_ACTIONS_PER_ROW) sets.push(actionSet(actions.slice(start, start + MAX_ACTIONS_PER_ROW)));
  return sets;
}

/**
 * One Action.Submit per choice, laid out so Teams shows every label in full: short labels share a row,
 * longer ones get a row each, and labels too long for a button are listed as numbered text with
 * numbered buttons.
 */
export function choiceButtons(choices: readonly Choice[]): CardElement[] {
  if (choices.some((c) => labelLength(c) > BUTTON_CHARS)) {
    const listed = choices.flatMap((c, i) => textBlocks(`**${i + 1}.** ${c.label}`, { spacing: 'small' }));
    return [...listed, ...rows(choices.map((c, i) => submitAction(String(i + 1), c)))];
  }
  const actions = choices.map((c) => submitAction(c.label, c));
  const fitsOneRow = choices.length <= MAX_ACTIONS_PER_ROW && choices.reduce((sum, c) => sum + labelLength(c), 0) <= ROW_CHARS;
  return fitsOneRow ? rows(actions) : actions.map((a) => actionSet([a]));
}
