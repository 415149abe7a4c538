import { withPageLinks } from '../../adapters/channels/pageLinks';
import { withOrganisationPages } from '../../bot/organisations/organisationPages';
import type { TurnMessage } from '../../bot/turnEngine';

const consent: TurnMessage = {
  kind: 'choices',
  text: 'May we keep your answers?',
  choices: [{ label: 'Yes', value: 'consent-yes' }],
  links: [
    { label: 'How your data is handled', path: '/privacy?lang=en' },
    { label: 'Terms', path: '/terms?lang=en' },
  ],
};

describe("an organisation's own privacy notice", () => {
  it('replaces the bot’s privacy page in the consent question, and leaves the terms and other messages alone', () => {
    const greeting: TurnMessage = { kind: 'text', text: 'Hello' };
    const [greeted, asked] = withOrganisationPages([greeting, consent], { privacyUrl: 'https://coop.example.se/integritet' });
    expect(greeted).toBe(greeting);
    expect(asked).toMatchObject({
      links: [
        { label: 'How your data is handled', path: 'https://coop.example.se/integritet' },
        { label: 'Terms', path: '/terms?lang=en' },
      ],
    });
  });

  it('keeps the bot’s own page for an organisation without one', () => {
    const messages = [consent];
    expect(withOrganisationPages(messages, {})).toBe(messages);
  });

  it('is linked as it is in Teams and in the web chat, where the bot’s own pages get the public address', () => {
    const links = [
      { label: 'Privacy', path: 'https://coop.example.se/integritet(sv)' },
      { label: 'Terms', path: '/terms?lang=sv' },
    ];
    expect(withPageLinks('Text', links, 'https://bot.example.org')).toBe(
      'Text\n\n[Privacy](https://coop.example.se/integritet%28sv%29) · [Terms](https://bot.example.org/terms?lang=sv)',
    );
    expect(withPageLinks('Text', links, '')).toBe('Text\n\n[Privacy](https://coop.example.se/integritet%28sv%29) · [Terms](/terms?lang=sv)');
    // Without a public address (Teams), the bot's own pages cannot be opened and are left out; the organisation's can.
    expect(withPageLinks('Text', links, null)).toBe('Text\n\n[Privacy](https://coop.example.se/integritet%28sv%29)');
    expect(withPageLinks('Text', [{ label: 'Terms', path: '/terms' }], null)).toBe('Text');
  });
});
