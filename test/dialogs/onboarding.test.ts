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
  it('greets in both languages first, then asks for name, venture and consent in Swedish', () => {
    const driver = play([
      ['start', /Välj språk \/ choose a language/],
      [{ choice: 'sv' }, /Vad heter du i förnamn\?/],
      [{ text: 'Amina' }, /Trevligt att träffas, Amina! Vad heter ditt företag/],
      [{ text: 'Vätterhjul' }, /vad Vätterhjul gör/],
      [{ text: 'Vi lagar cyklar och tränar folk.' }, /jag sparar ditt namn/],
      [{ choice: 'consent-yes' }, /Tack, Amina! Här är programmets moduler[\s\S]*▱▱▱▱▱ 0 %/],
    ]);
    expect(driver.context.profile).toEqual({
      firstName: 'Amina',
      ventureName: 'Vätterhjul',
      ventureLine: 'Vi lagar cyklar och tränar folk.',
      consented: true,
    });
    expect(driver.stateValue).toEqual({ active: 'menu' });
  });

  it('understands a typed language name with a typo and runs in English', () => {
    play([
      [{ text: 'hi' }, /choose a language/],
      [{ text: 'Englsh' }, /What is your first name\?/],
      [{ text: 'Sam' }, /Nice to meet you, Sam!/],
    ]);
  });

  it('asks again when the language is not one it knows, without moving on', () => {
    play([
      ['start', /choose a language/],
      [{ text: 'français' }, /Välj Svenska eller English/],
      [{ choice: 'de' }, /Välj Svenska eller English/],
      [{ choice: 'en' }, /first name/],
    ]);
  });

  it('does not start the programme without consent, and explains why', () => {
    const driver = play([
      ['start', /choose a language/],
      [{ choice: 'en' }, /first name/],
      [{ text: 'Sam' }, /venture/],
      [{ text: 'Bikes' }, /one sentence/],
      [{ text: 'We fix bikes.' }, /Is that OK\?/],
      [{ choice: 'consent-no' }, /Without storing your answers I cannot run the programme/],
      [{ text: 'menu' }, /getting to know each other/],
    ]);
    expect(driver.stateValue).toEqual({ onboarding: 'consent' });
  });

  it('repeats the current question when the conversation is reopened mid-onboarding', () => {
    play([
      ['start', /choose a language/],
      [{ choice: 'sv' }, /förnamn/],
      ['start', /Vad heter du i förnamn\?/],
    ]);
  });

  it('takes a language as the very first event, answering a greeting that was shown without being stored', () => {
    play([[{ choice: 'en' }, /What is your first name\?/]]);
    play([[{ text: 'svenska' }, /Vad heter du i förnamn\?/]]);
  });
});
