import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadOrganisations } from '../../bot/organisations/loadOrganisations';
import { organisationSchema } from '../../bot/organisations/organisation';
import { loadCurriculumOrThrow } from '../../curriculum/loadCurriculum';
import { snippetPage } from '../support/cooperativeSite';
import { cooperativeSiteCsp } from '../support/embedScenario';

const docs = readFileSync(join(__dirname, '..', '..', 'docs', 'EMBED.md'), 'utf8');
const BOT = 'https://coach.example.org';

/** The fenced code blocks of a language in the page, in order. */
function codeBlocks(language: string): string[] {
  return [...docs.matchAll(new RegExp('```' + language + '\\n([\\s\\S]*?)```', 'g'))].map((match) => match[1]!);
}

describe('docs/EMBED.md says what the tests check', () => {
  it('its example organisation file is valid', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'svc-embed-docs-'));
    try {
      await writeFile(join(dir, 'coompanion-jonkoping.yaml'), codeBlocks('yaml')[0]!, 'utf8');
      const result = loadOrganisations(dir, { moduleIds: loadCurriculumOrThrow().modules.map((m) => m.id) });
      expect(result.ok ? result.organisations.map((o) => o.id) : result.errors).toEqual(['coompanion-jonkoping']);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('its table names every key of an organisation file', () => {
    const { theme, contact } = organisationSchema.shape;
    const keys = [
      ...Object.keys(organisationSchema.shape).filter((key) => key !== 'theme' && key !== 'contact' && key !== 'name' && key !== 'ai'),
      ...Object.keys(theme.shape).map((key) => `theme.${key}`),
      ...Object.keys(contact.shape).map((key) => `contact.${key}`),
      'name.sv',
      'name.en',
      'ai.enabled',
    ];
    for (const key of keys) expect(docs).toContain(`\`${key}\``);
  });

  it('its snippet is the one the browser tests paste, and its CSP the one they serve', () => {
    const pasted = /<script async src="[^"]*\/embed\.js" data-org="[^"]*"><\/script>/.exec(
      snippetPage({ botUrl: BOT, organisationId: 'coompanion-jonkoping' }),
    )![0];
    expect(codeBlocks('html')[0]!.trim()).toBe(pasted);
    expect(docs).toContain(`Content-Security-Policy: ${cooperativeSiteCsp(BOT)}\n`);
  });
});
