import { randomUUID } from 'node:crypto';
import { say } from '../../../dialogs/catalogue';
import { MODULE_VALUE_PREFIX } from '../../../dialogs/presentStep';

/** A bot activity as the expectReplies response carries it. */
export interface ReplyActivity {
  readonly type: string;
  readonly text?: string;
  readonly suggestedActions?: { readonly actions: readonly { readonly title: string }[] };
}

/** Whether a reply is the apology the bot sends when a turn could not be applied (either language). */
export function isApology(reply: string): boolean {
  return (['sv', 'en'] as const).some((locale) => reply.includes(say(locale, 'storeUnavailable')) || reply.includes(say(locale, 'unexpectedError')));
}

/**
 * A learner on /api/messages with deliveryMode expectReplies (the replies come back in the HTTP response), on the
 * development channel "test": one request is one turn, and a 200 with replies is the bot's acknowledgement.
 */
export class MessagesLearner {
  readonly userId = `fault-${randomUUID()}`;

  constructor(private readonly baseUrl: () => string) {}

  /** Posts one message (with this activity id, for redeliveries); resolves with the replies' text. */
  async send(message: { text?: string; value?: unknown }, activityId: string = randomUUID()): Promise<string> {
    const response = await fetch(`${this.baseUrl()}/api/messages`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        type: 'message',
        id: activityId,
        timestamp: new Date().toISOString(),
        channelId: 'test',
        serviceUrl: 'http://127.0.0.1:9/',
        from: { id: this.userId, name: 'Amina' },
        conversation: { id: `conversation-${this.userId}` },
        recipient: { id: 'bot', name: 'Coach' },
        locale: 'en-GB',
        deliveryMode: 'expectReplies',
        ...message,
      }),
      signal: AbortSignal.timeout(20_000),
    });
    if (response.status !== 200) throw new Error(`POST /api/messages → ${response.status} ${await response.text()}`);
    const body = (await response.json()) as { activities?: ReplyActivity[] };
    return readable(body.activities ?? []);
  }

  say(text: string, activityId?: string): Promise<string> {
    return this.send({ text }, activityId);
  }

  press(choice: string): Promise<string> {
    return this.send({ value: { choice } });
  }

  /** Onboarding in English, then the first lesson of the module up to its first question. */
  async toFirstQuestion(moduleId: string, stepsBeforeQuestion: number): Promise<string> {
    await this.press('en');
    await this.press('consent-yes');
    await this.say('Amina');
    await this.say('Vätterhjul');
    await this.say('We repair bikes.');
    await this.press('share-yes');
    let reply = await this.press(`${MODULE_VALUE_PREFIX}${moduleId}`);
    for (let step = 0; step < stepsBeforeQuestion; step += 1) reply = await this.press('next');
    return reply;
  }
}

export function readable(activities: readonly ReplyActivity[]): string {
  return activities
    .filter((activity) => activity.type === 'message')
    .map((activity) => [activity.text ?? '', ...(activity.suggestedActions?.actions.map((action) => action.title) ?? [])].join('\n'))
    .join('\n');
}
