import { randomUUID } from 'node:crypto';
import { loadCurriculumOrThrow } from '../curriculum/loadCurriculum';
import { MODULE_VALUE_PREFIX } from '../dialogs/presentStep';
import type { Send } from './httpLoad';

/** A message the benchmark learner sends: typed text or a button's value. */
export type LearnerMessage = { readonly text: string } | { readonly value: { readonly choice: string } };

const firstModule = loadCurriculumOrThrow().modules[0]!;

/** Onboarding in English and the first lesson of the first module, as a learner walks it: one message per turn. */
export function programmeScript(): LearnerMessage[] {
  const messages: LearnerMessage[] = [
    { value: { choice: 'en' } },
    { value: { choice: 'consent-yes' } },
    { text: 'Amina' },
    { text: 'Vätterhjul' },
    { text: 'We repair bikes and teach repairs.' },
    { value: { choice: 'share-yes' } },
    { value: { choice: `${MODULE_VALUE_PREFIX}${firstModule.id}` } },
  ];
  for (const step of firstModule.lessons[0]!.steps) {
    if (step.kind === 'question') messages.push({ text: 'Loneliness among older people in the countryside, who lack meeting places.' });
    else if (step.kind === 'quiz') messages.push({ value: { choice: step.options.find((option) => option.correct)!.id } });
    else if (step.kind !== 'summary') messages.push({ value: { choice: 'next' } });
  }
  return messages;
}

/** A learner on /api/messages with deliveryMode expectReplies: one POST per turn, the replies in its response. */
export function messagesTurns(send: Send, learner: string, script: readonly LearnerMessage[]): (() => Promise<unknown>)[] {
  const base = {
    type: 'message',
    channelId: 'test',
    serviceUrl: 'http://127.0.0.1:9/',
    from: { id: learner, name: 'Amina' },
    conversation: { id: `conversation-${learner}` },
    recipient: { id: 'bot', name: 'Coach' },
    locale: 'en-GB',
    deliveryMode: 'expectReplies',
  };
  return script.map((message) => () => send('POST', '/api/messages', { ...base, id: randomUUID(), timestamp: new Date().toISOString(), ...message }));
}

/** A web learner's session and conversation (untimed), then one POST and the poll for its replies per turn. */
export async function directLineLearner(send: Send): Promise<{ token: string; conversationId: string; watermark: string }> {
  const session = JSON.parse(await send('POST', '/api/webchat/session', {})) as { token: string };
  const auth = { Authorization: `Bearer ${session.token}` };
  const started = JSON.parse(await send('POST', '/v3/directline/conversations', {}, auth)) as { conversationId: string };
  const page = JSON.parse(await send('GET', `/v3/directline/conversations/${started.conversationId}/activities`, undefined, auth)) as {
    watermark: string;
  };
  return { token: session.token, conversationId: started.conversationId, watermark: page.watermark };
}

export function directLineTurns(
  send: Send,
  learner: { token: string; conversationId: string; watermark: string },
  script: readonly LearnerMessage[],
): (() => Promise<unknown>)[] {
  const auth = { Authorization: `Bearer ${learner.token}` };
  const path = `/v3/directline/conversations/${learner.conversationId}/activities`;
  return script.map((message) => async () => {
    // The page's own id for the message: sent again after a 503, it is applied once.
    const activity = { type: 'message', from: { id: 'web-learner' }, locale: 'en-GB', channelData: { clientActivityID: randomUUID() }, ...message };
    await send('POST', path, activity, auth);
    const page = JSON.parse(await send('GET', `${path}?watermark=${learner.watermark}`, undefined, auth)) as { watermark: string };
    learner.watermark = page.watermark;
  });
}
