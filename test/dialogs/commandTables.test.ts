import { ConversationDriver } from '../support/conversationDriver';

/** What the reply must say, or the effect the turn engine is asked to perform (it writes that reply). */
type Row = readonly [typed: string, expected: RegExp | { effect: string }];

/** The same walk through every global command, typed the way a learner would in each language. */
const TABLES: Record<'sv' | 'en', readonly Row[]> = {
  sv: [
    ['hjälp', /Du är i lektionen ”.+”, steg 1 av/],
    ['framsteg', /Dina framsteg/],
    ['min kanvas', /Du har inte fyllt i något ännu/],
    ['prata med en rådgivare', { effect: 'requestAdvisor' }],
    ['koppla', { effect: 'issueLinkCode' }],
    ['meny', /Dina moduler[\s\S]*Fortsätt där jag var/],
    ['Fortsätt', /Vidare ▸/],
    ['radera mina data', /Vill du verkligen radera allt/],
    ['nej', /Okej, ingenting har raderats/],
    ['språk', /Vilket språk vill du använda\?/],
    ['svenska', /Nu pratar vi svenska/],
    ['bananer', /Vidare ▸|Välj|Skriv/],
  ],
  en: [
    ['help', /You are in the lesson “.+”, step 1 of/],
    ['progress', /Your progress/],
    ['my canvas', /You have not filled anything in yet/],
    ['talk to an advisor', { effect: 'requestAdvisor' }],
    ['link', { effect: 'issueLinkCode' }],
    ['menu', /Your modules[\s\S]*Continue where I was/],
    ['Continue', /Next ▸/],
    ['delete my data', /Do you really want to delete everything/],
    ['no', /OK, nothing has been deleted/],
    ['language', /Which language would you like to use\?/],
    ['english', /We are now speaking English/],
    ['bananas', /Next ▸|choose|Please/],
  ],
};

describe.each(Object.entries(TABLES))('global commands typed in %s', (locale, rows) => {
  it('each answers as expected and none loses the learner’s place', () => {
    const driver = new ConversationDriver();
    driver.onboard(locale as 'sv' | 'en');
    driver.choose(`module:${driver.index.modules[0]!.id}`);
    const place = driver.context.position;
    for (const [typed, expected] of rows.slice(0, -1)) {
      const reply = driver.text(typed);
      if (expected instanceof RegExp) expect({ typed, reply }).toEqual({ typed, reply: expect.stringMatching(expected) });
      else expect(driver.emitted).toContainEqual({ type: 'effect.requested', request: expected });
      expect({ typed, place: driver.context.position }).toEqual({ typed, place });
    }
    const [typed, expected] = rows[rows.length - 1]!;
    expect(driver.text(typed)).toMatch(expected as RegExp);
  });
});
