import { ConversationDriver } from '../support/conversationDriver';

type Turn = [send: { text: string } | { choice: string } | 'start', expect: RegExp];

function play(turns: Turn[]): ConversationDriver {
  const driver = new ConversationDriver();
  for (const [send, expected] of turns) {
    const reply = send === 'start' ? driver.reply({ type: 'session.started' }) : 'text' in send ? driver.text(send.text) : driver.choose(send.choice);
    expect({ send, reply }).toEqual({ send, reply: expect.stringMatching(expected) });
  }
  return driver;
}

describe('onboarding', () => {
  it('asks for the language, then consent before anything identifying, then name, venture and sharing, in Swedish', () => {
    const driver = play([
      ['start', /Välj språk \/ choose a language/],
      [{ choice: 'sv' }, /sparar jag det du berättar för mig[\s\S]*Är det okej\?/],
      [{ choice: 'consent-yes' }, /Vad heter du i förnamn\?/],
      [{ text: 'Amina' }, /Trevligt att träffas, Amina! Vad heter ditt företag/],
      [{ text: 'Vätterhjul' }, /vad Vätterhjul gör/],
      [{ text: 'Vi lagar cyklar och tränar folk.' }, /får rådgivarna i organisationen/],
      [{ choice: 'share-yes' }, /Tack, Amina! Här är programmets moduler[\s\S]*▱▱▱▱▱ 0 %/],
    ]);
    expect(driver.context.profile).toEqual({
      firstName: 'Amina',
      ventureName: 'Vätterhjul',
      ventureLine: 'Vi lagar cyklar och tränar folk.',
      consented: true,
      sharesWithAdvisors: true,
    });
    expect(driver.stateValue).toEqual({ active: 'menu' });
  });

  it('greets in the language the organisation or channel asks for, and links the privacy notice and terms at consent', () => {
    const driver = new ConversationDriver();
    expect(driver.reply({ type: 'session.started', locale: 'en' })).toMatch(/^Hi! Welcome to the programme/);
    const consent = driver.send({ type: 'user.choice', value: 'en' }).find((m) => m.kind === 'choices');
    expect(consent).toMatchObject({
      links: [
        { label: 'How your data is handled', path: '/privacy?lang=en' },
        { label: 'Terms of use', path: '/terms?lang=en' },
      ],
    });
  });

  it('a learner who keeps their answers from the advisors is not shared, and can change their mind with a command', () => {
    const driver = new ConversationDriver();
    driver.reply({ type: 'session.started' });
    driver.choose('en');
    driver.choose('consent-yes');
    driver.text('Sam');
    driver.text('Bikes');
    driver.text('We fix bikes.');
    expect(driver.choose('share-no')).toMatch(/Here are the programme’s modules/);
    expect(driver.context.profile.sharesWithAdvisors).toBe(false);
    expect(driver.text('share with my advisor')).toMatch(/can now see your progress/);
    expect(driver.context.profile.sharesWithAdvisors).toBe(true);
    expect(driver.text('sluta dela')).toMatch(/no longer see your progress/);
    expect(driver.context.profile.sharesWithAdvisors).toBe(false);
  });

  it('asks again for a name that is too long instead of cutting it', () => {
    const driver = new ConversationDriver();
    driver.reply({ type: 'session.started' });
    driver.choose('en');
    driver.choose('consent-yes');
    expect(driver.text('A'.repeat(81))).toMatch(/at most 80 characters/);
    expect(driver.context.profile.firstName).toBeUndefined();
    expect(driver.text('Amina')).toMatch(/Nice to meet you, Amina!/);
  });

  it('understands a typed language name with a typo and runs in English', () => {
    play([
      [{ text: 'hi' }, /choose a language/],
      [{ text: 'Englsh' }, /Is that OK\?/],
      [{ text: 'yes' }, /What is your first name\?/],
      [{ text: 'Sam' }, /Nice to meet you, Sam!/],
    ]);
  });

  it('asks again when the language is not one it knows, without moving on', () => {
    play([
      ['start', /choose a language/],
      [{ text: 'français' }, /Välj Svenska eller English/],
      [{ choice: 'de' }, /Välj Svenska eller English/],
      [{ choice: 'en' }, /Is that OK\?/],
    ]);
  });

  it('does not start the programme without consent, explains why, and asks the turn engine to remove everything', () => {
    const driver = play([
      ['start', /choose a language/],
      [{ choice: 'en' }, /Is that OK\?/],
      [{ choice: 'consent-no' }, /Then I store nothing about you[\s\S]*Without storing your answers I cannot run the programme/],
    ]);
    expect(driver.emitted).toContainEqual({ type: 'effect.requested', request: { effect: 'deleteData' } });
    expect(driver.stateValue).toBe('deleted');
    expect(driver.context.profile).toEqual({});
  });

  it('repeats the current question when the conversation is reopened mid-onboarding', () => {
    play([
      ['start', /choose a language/],
      [{ choice: 'sv' }, /Är det okej/],
      [{ choice: 'consent-yes' }, /förnamn/],
      ['start', /Vad heter du i förnamn\?/],
    ]);
  });

  it('takes a language as the very first event, answering a greeting that was shown without being stored', () => {
    play([[{ choice: 'en' }, /Is that OK\?/]]);
    play([[{ text: 'svenska' }, /Är det okej\?/]]);
  });
});
