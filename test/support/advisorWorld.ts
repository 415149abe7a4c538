import type { Store } from '../../bot/ports/store';
import { join } from 'node:path';
import { FileAdvisorStore } from '../../adapters/storage/file/fileAdvisorStore';
import type { AdvisorRole } from '../../bot/advisors/advisorRecords';
import { inviteAdvisor } from '../../bot/advisors/signIn/inviteAdvisor';
import { loadCurriculumOrThrow } from '../../curriculum/loadCurriculum';
import type { ConversationEvent } from '../../dialogs/events';
import { ProgrammeIndex } from '../../dialogs/programmeIndex';
import type { DirectLineClient } from './directLineClient';
import { scriptLesson } from './scriptedLearner';
import type { TeamsUser } from './teamsUser';

/** Organisations for the advisor tests: demo, coop-a (the bot's own page and the Teams users' tenant), coop-b. */
export const ADVISOR_TEST_ORGANISATIONS = join(__dirname, '..', 'fixtures', 'organisations', 'advisors');

/** The environment of a bot serving those organisations, with coop-a as the organisation of its own web page. */
export const ADVISOR_TEST_ENV = { ORGANISATIONS_DIR: ADVISOR_TEST_ORGANISATIONS, DEFAULT_ORGANISATION: 'coop-a', OUTBOX_POLL_MS: '100' } as const;

/** Invites an advisor into a running test bot's data folder, as `npm run advisor:invite` does; returns the link. */
export async function invite(
  dataDir: string,
  baseUrl: string,
  organisationId: string,
  name: string,
  email: string,
  role: AdvisorRole = 'advisor',
  locale: 'sv' | 'en' = 'sv',
): Promise<string> {
  const advisors = await FileAdvisorStore.open(dataDir);
  return (await inviteAdvisor(advisors, { organisationId, name, email, role, locale }, baseUrl)).link;
}

/** Sets the consent to share with advisors of a learner made in the store directly, who has no conversation to say it in. */
export async function setSharing(store: Store, learnerId: string, shares: boolean): Promise<void> {
  const learner = await store.getLearner(learnerId);
  if (!learner) throw new Error(`no learner ${learnerId}`);
  const { locale, displayName, ventureName, consentedAt } = learner;
  await store.updateLearnerProfile(learnerId, { locale, displayName, ventureName, consentedAt, sharesWithAdvisors: shares });
}

/** The learner id behind an identity, in a test bot's own store (its data folder admits one user). */
export async function learnerIdOf(store: Store, identity: Parameters<Store['findLearner']>[0], organisationId: string): Promise<string> {
  const learner = await store.findLearner(identity, organisationId);
  if (!learner) throw new Error('no such learner');
  return learner.id;
}

const index = new ProgrammeIndex(loadCurriculumOrThrow());

/** Sends one conversation event the way a channel would. */
export type SendEvent = (event: Extract<ConversationEvent, { type: 'user.text' } | { type: 'user.choice' }>) => Promise<unknown>;

export function webSender(client: DirectLineClient): SendEvent {
  return (event) => (event.type === 'user.text' ? client.say(event.text) : client.press(event.value));
}

export function teamsSender(user: TeamsUser): SendEvent {
  return (event) =>
    event.type === 'user.text'
      ? user.say(event.text)
      : user.post({ ...user.base('message'), value: { choice: event.value }, channelData: { tenant: { id: user.tenantId } } });
}

/** Onboards in Swedish with these names, consents, and agrees to share with the organisation's advisors (or not). */
export async function onboard(send: SendEvent, firstName: string, venture: string, shares = true): Promise<void> {
  await send({ type: 'user.choice', value: 'sv' });
  await send({ type: 'user.choice', value: 'consent-yes' });
  await send({ type: 'user.text', text: firstName });
  await send({ type: 'user.text', text: venture });
  await send({ type: 'user.text', text: 'Vi lagar cyklar och ger jobb åt unga.' });
  await send({ type: 'user.choice', value: shares ? 'share-yes' : 'share-no' });
}

/** Walks every lesson of a module, answering everything (quizzes right, or the first one wrong). */
export async function walkModule(send: SendEvent, moduleId: string, quizzes: 'right' | 'wrong' = 'right'): Promise<void> {
  const module = index.module(moduleId)!;
  for (const lesson of module.lessons) {
    await send({ type: 'user.choice', value: `lesson:${moduleId}/${lesson.id}` });
    for (const turn of scriptLesson(lesson, 'sv', quizzes)) await send(turn.event);
  }
}
