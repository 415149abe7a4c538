import type { OutboundActivity } from '../../bot/channel/activity';

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function* nodes(value: unknown): Generator<Json> {
  if (Array.isArray(value)) for (const item of value) yield* nodes(item);
  else if (isObject(value)) {
    yield value;
    for (const child of Object.values(value)) yield* nodes(child);
  }
}

/** The Adaptive Cards attached to an activity. */
export function cardsOf(activity: OutboundActivity): Json[] {
  return (activity.attachments ?? []).filter((a) => a.contentType === 'application/vnd.microsoft.card.adaptive').map((a) => a.content as Json);
}

/** Every element or action of a given type anywhere in a card. */
export function elementsOf(card: Json, type: string): Json[] {
  return [...nodes(card)].filter((n) => n.type === type);
}

/** The text of every TextBlock and TextRun (plain text in a RichTextBlock) in a card, in order. */
export function textsOf(card: Json): string[] {
  return [...nodes(card)].filter((n) => n.type === 'TextBlock' || n.type === 'TextRun').map((t) => String(t.text));
}

/**
 * What Teams sends as `activity.value` when an Action.Submit is pressed: its data merged with the card's
 * input values (a multi-select sends the picked values joined by commas; here the first two are picked).
 */
export function submittedValue(card: Json, action: Json): Json {
  const inputs = Object.fromEntries(
    elementsOf(card, 'Input.ChoiceSet').map((input) => {
      const values = (input.choices as { value: string }[]).map((c) => c.value);
      return [String(input.id), (input.isMultiSelect ? values.slice(0, 2) : values.slice(0, 1)).join(',')];
    }),
  );
  return { ...(action.data as Json), ...inputs };
}

/** UTF-8 size of an activity as sent. */
export function activityBytes(activity: OutboundActivity): number {
  return Buffer.byteLength(JSON.stringify(activity), 'utf8');
}
