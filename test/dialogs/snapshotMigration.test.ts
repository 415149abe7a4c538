import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadCurriculumOrThrow } from '../../curriculum/loadCurriculum';
import { continueConversation } from '../../dialogs/conversationTurn';
import { ProgrammeIndex } from '../../dialogs/programmeIndex';
import { createProgrammeMachine } from '../../dialogs/programmeMachine';
import { ConversationDriver, messageText } from '../support/conversationDriver';

/** Conversations saved by the release before the machine was split by concern (one machine file then). */
const FIXTURES = join(__dirname, '..', 'fixtures', 'snapshots', 'v1');
const saved = readdirSync(FIXTURES)
  .filter((name) => name.endsWith('.json'))
  .map((name) => ({
    name: name.replace(/\.json$/, ''),
    ...(JSON.parse(readFileSync(join(FIXTURES, name), 'utf8')) as { state: unknown; document: Record<string, unknown> }),
  }));

const index = new ProgrammeIndex(loadCurriculumOrThrow());
const machine = createProgrammeMachine(index);

function resumed(name: string): ConversationDriver {
  const fixture = saved.find((f) => f.name === name)!;
  const driver = new ConversationDriver();
  driver.load(fixture.document);
  return driver;
}

describe('conversations saved before the machine was split', () => {
  it('covers every state a learner can be saved in', () => {
    expect(saved.map((f) => f.name).sort()).toEqual([
      'changing-language',
      'confirm-delete',
      'lesson-question',
      'lesson-quiz',
      'lesson-sdg-main',
      'lesson-sdg-secondary',
      'lesson-summary',
      'lesson-teaching-first-step',
      'menu',
      'onboarding-consent',
      'onboarding-first-name',
      'onboarding-language',
      'onboarding-venture-line',
    ]);
  });

  /** Saved while asking for names before consent (version 1's order): back at consent, the names not kept. */
  const askedNamesBeforeConsent = ['onboarding-first-name', 'onboarding-venture-line'];

  it.each(saved.filter((f) => !askedNamesBeforeConsent.includes(f.name)).map((f) => [f.name, f] as const))(
    '%s: restores in the same state and the bot speaks when the learner returns',
    (_name, fixture) => {
      const outcome = continueConversation(machine, index, fixture.document, { type: 'session.started' });
      const said = outcome.emitted.filter((e) => e.type === 'bot.say');
      expect(said.length).toBeGreaterThan(0);
      expect((outcome.snapshot as unknown as { value: unknown }).value).toEqual(fixture.state);
    },
  );

  it.each(askedNamesBeforeConsent)('%s: asks for consent first and forgets the names given without it', (name) => {
    const fixture = saved.find((f) => f.name === name)!;
    const outcome = continueConversation(machine, index, fixture.document, { type: 'session.started' });
    const snapshot = outcome.snapshot as unknown as { value: unknown; context: { profile: Record<string, unknown> } };
    expect(snapshot.value).toEqual({ onboarding: 'consent' });
    expect(snapshot.context.profile).toEqual({});
    expect(JSON.stringify(outcome.snapshot)).not.toContain('Amina');
  });

  it('a saved quiz takes its answer', () => {
    const driver = resumed('lesson-quiz');
    const step = index.step(driver.context.position!)!;
    if (step.kind !== 'quiz') throw new Error('the fixture is not at a quiz');
    expect(driver.choose(step.options.find((o) => o.correct)!.id)).toContain('✅');
  });

  it('a saved question takes a typed answer, records it and moves on', () => {
    const driver = resumed('lesson-question');
    const before = driver.context.position!;
    driver.send({ type: 'user.text', text: 'Older people in the countryside are lonely and isolated.' });
    expect(driver.emitted.some((e) => e.type === 'answer.recorded' && e.answer.stepId === before.stepId)).toBe(true);
    expect(driver.context.position!.stepId).not.toBe(before.stepId);
  });

  it('a saved SDG step waiting for secondary goals takes them', () => {
    const driver = resumed('lesson-sdg-secondary');
    driver.text('10, 11');
    expect(driver.emitted.find((e) => e.type === 'answer.recorded')).toMatchObject({ answer: { stepKind: 'sdg', answer: [3, 10, 11] } });
  });

  it('a saved consent question, once accepted, asks about sharing and leads to the menu with the names kept', () => {
    const driver = resumed('onboarding-consent');
    expect(driver.choose('consent-yes')).toMatch(/may the advisors/);
    expect(driver.choose('share-yes')).toContain('Amina');
    expect(driver.stateValue).toEqual({ active: 'menu' });
    expect(driver.context.profile).toMatchObject({ firstName: 'Amina', ventureName: 'Vätterhjul', consented: true, sharesWithAdvisors: true });
  });

  it('a learner who consented under version 1 shares with advisors, as that consent said', () => {
    const driver = resumed('menu');
    driver.send({ type: 'session.started' });
    expect(driver.context.profile.sharesWithAdvisors).toBe(true);
  });

  it('a saved deletion question and language question go back where the learner was', () => {
    const deleting = resumed('confirm-delete');
    expect(deleting.choose('delete-no')).toMatch(/ingenting har raderats|nothing has been deleted/i);
    const switching = resumed('changing-language');
    switching.choose('en');
    expect(switching.context.locale).toBe('en');
    expect(switching.send({ type: 'session.started' }).map(messageText).join('\n')).toMatch(/Welcome back/);
  });
});
