import { join } from 'node:path';
import { loadCurriculumOrThrow } from '../../curriculum/loadCurriculum';
import { builtInOrganisationsDir, loadOrganisations } from '../../bot/organisations/loadOrganisations';
import type { ContentError } from '../../curriculum/yamlFile';
import { checkOrganisations } from '../../scripts/organisationsCheck';
import { captureStream } from '../support/captureStream';

const fixtures = 'test/fixtures/organisations';
const moduleIds = loadCurriculumOrThrow().modules.map((m) => m.id);

function errorsOf(folder: string): ContentError[] {
  const result = loadOrganisations(join(fixtures, folder), { moduleIds });
  return result.ok ? [] : result.errors;
}

describe('organisation files', () => {
  it('the shipped demo organisation is valid and offers every module', () => {
    const result = loadOrganisations(builtInOrganisationsDir(), { moduleIds });
    expect(result.ok && result.organisations.map((o) => [o.id, o.modules, o.ai.enabled])).toEqual([['demo', 'all', false]]);
  });

  it('fills the defaults of what a file leaves out', () => {
    const result = loadOrganisations(join(fixtures, 'good'), { moduleIds });
    if (!result.ok) throw new Error(result.errors.map((e) => e.message).join('\n'));
    const coop = result.organisations.find((o) => o.id === 'coop-a')!;
    expect(coop).toMatchObject({
      modules: ['challenge-to-idea', 'business-model'],
      ai: { enabled: false },
      allowedOrigins: ['https://coop-a.example.org', 'http://127.0.0.2:8080'],
    });
  });

  it.each<[string, Partial<ContentError>[]]>([
    [
      'broken-unknown-key',
      [
        { file: `${fixtures}/broken-unknown-key/coop.yaml`, path: 'theme', message: expect.stringMatching(/Unrecognized key.*colour/) },
        { file: `${fixtures}/broken-unknown-key/coop.yaml`, path: '', message: expect.stringMatching(/Unrecognized key.*colours/) },
      ],
    ],
    ['broken-id', [{ file: `${fixtures}/broken-id/coop.yaml`, path: 'id', message: 'must be "coop", the file\'s name' }]],
    [
      'broken-values',
      [
        { path: 'name.en', message: expect.stringMatching(/expected string/) },
        { path: 'allowedOrigins[0]', message: expect.stringMatching(/^must be an origin such as https:\/\/coompanion\.se/) },
        { path: 'allowedOrigins[1]', message: expect.stringMatching(/^must be an origin/) },
        { path: 'defaultLanguage', message: expect.stringMatching(/"sv"\|"en"/) },
        { path: 'theme.accentColor', message: 'must be a colour such as #1f6f5c' },
        { path: 'theme.avatarUrl', message: 'must be an https URL' },
        { path: 'contact', message: 'needs an email, a phone, a url or a note' },
        { path: 'teamsTenantIds[0]', message: 'must be an Entra tenant id (a GUID)' },
      ],
    ],
    [
      'broken-tenant-twice',
      [
        {
          file: `${fixtures}/broken-tenant-twice/coop-b.yaml`,
          path: 'teamsTenantIds[0]',
          message: 'tenant 11111111-2222-4333-8444-555555555555 already belongs to organisation "coop-a"',
        },
      ],
    ],
    ['broken-module', [{ path: 'modules[1]', message: 'no module "no-such-module" in the curriculum' }]],
    [
      'broken-yaml',
      [
        { file: `${fixtures}/broken-yaml/coop.yaml`, path: '', message: expect.stringMatching(/^YAML: Missing closing "quote/) },
        { file: `${fixtures}/broken-yaml/coop.yaml`, path: '', message: expect.stringMatching(/^YAML: Flow map in block collection/) },
      ],
    ],
    ['empty', [{ file: `${fixtures}/empty`, path: '', message: 'no organisation files (*.yaml) found' }]],
    ['no-such-folder', [{ path: '', message: 'organisations folder does not exist' }]],
  ])('%s: every problem is named by file and path', (folder, expected) => {
    expect(errorsOf(folder)).toEqual(expected.map((e): unknown => expect.objectContaining(e)));
  });

  it('npm run organisations:check lists valid organisations and prints each error of broken ones, exiting 1', () => {
    const capture = captureStream;
    const out = capture();
    expect(checkOrganisations([join(fixtures, 'good')], out.stream, capture().stream)).toBe(0);
    expect(out.text()).toMatch(/^ok {2}coop-a: Cooperative A; 2 modules; embeddable on https:\/\/coop-a\.example\.org, http:\/\/127\.0\.0\.2:8080$/m);
    expect(out.text()).toContain('2 organisation(s) are valid.');
    const err = capture();
    expect(checkOrganisations([join(fixtures, 'broken-module')], capture().stream, err.stream)).toBe(1);
    expect(err.text()).toMatch(
      /^test\/fixtures\/organisations\/broken-module\/coop\.yaml: modules\[1\]: no module "no-such-module" in the curriculum$/m,
    );
  });
});
