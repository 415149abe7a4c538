import { manifestTexts } from '../../adapters/teams/manifest/manifestTexts';
import { parseCommand } from '../../dialogs/parseCommand';

describe('the command menu in the Teams app', () => {
  const languages = { sv: manifestTexts.default, ...manifestTexts.additional };

  it.each(Object.entries(languages))('offers in %s only commands the bot understands when Teams sends their title', (_language, texts) => {
    const unknown = texts.commands.filter((command) => parseCommand(command.title) === null).map((c) => c.title);
    expect(unknown).toEqual([]);
    expect(texts.commands.every((c) => c.title.length <= 32 && c.description.length <= 128)).toBe(true);
  });

  it('offers the same commands in every language', () => {
    const commandsOf = (texts: (typeof languages)['sv']) => texts.commands.map((c) => parseCommand(c.title));
    for (const texts of Object.values(languages)) expect(commandsOf(texts)).toEqual(commandsOf(manifestTexts.default));
  });
});
