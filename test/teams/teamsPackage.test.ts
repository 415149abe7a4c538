import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppManifestUtils, type AppManifest } from '@microsoft/app-manifest';
import { bundledSchema } from '../../adapters/teams/manifest/bundledSchema';
import { strFromU8, unzipSync } from 'fflate';
import { PNG } from 'pngjs';
import { validatePackage } from '../../adapters/teams/manifest/validatePackage';
import { buildAdvisorTeamsPackage, buildTeamsPackage, type TeamsPackageResult } from '../../scripts/teamsPackage';
import { loadTeamsPackageConfig, TeamsPackageConfigError, type TeamsPackageConfig } from '../../scripts/teamsPackageConfig';

// @microsoft/app-manifest requires the ESM-only strip-bom. Node >= 20.19 loads that natively (the CLI works),
// but jest's module runtime cannot before Node 24.9; the validator never calls it, so a stand-in is enough here.
jest.mock('strip-bom', () => ({ __esModule: true, default: (text: string) => text.replace(/^\uFEFF/, '') }));

const BOT_ID = '11111111-2222-4333-8444-555555555555';
const APP_ID = 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee';
const hasUnzip = spawnSync('unzip', ['-v']).status === 0;

let workDir: string;
beforeAll(() => {
  workDir = mkdtempSync(join(tmpdir(), 'teams-package-'));
});
afterAll(() => {
  rmSync(workDir, { recursive: true, force: true });
});

function goodEnv(overrides: Record<string, string | undefined> = {}): Record<string, string | undefined> {
  return {
    MicrosoftAppId: BOT_ID,
    TEAMS_APP_ID: APP_ID,
    PUBLIC_URL: 'https://coach.example.org/',
    TEAMS_ACCENT_COLOR: '#1F6F50',
    TEAMS_PACKAGE_OUT: join(workDir, 'teams-app.zip'),
    ...overrides,
  };
}

function configProblems(env: Record<string, string | undefined>): readonly string[] {
  try {
    loadTeamsPackageConfig(env, { version: '1.2.3' });
  } catch (error) {
    if (error instanceof TeamsPackageConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected the configuration to be rejected');
}

function pixel(png: PNG, x: number, y: number): number[] {
  const at = (y * png.width + x) * 4;
  return [...png.data.subarray(at, at + 4)];
}

function readPackage(path: string): Map<string, Uint8Array> {
  return new Map(Object.entries(unzipSync(readFileSync(path))));
}

describe('Teams package configuration', () => {
  it('derives the developer URLs, name and output path from PUBLIC_URL when they are not set', () => {
    const config = loadTeamsPackageConfig(goodEnv({ TEAMS_PACKAGE_OUT: undefined, TEAMS_ACCENT_COLOR: '' }), { version: '1.2.3' });
    expect(config).toMatchObject({
      botId: BOT_ID,
      appId: APP_ID,
      version: '1.2.3',
      publicUrl: 'https://coach.example.org',
      developer: {
        name: 'coach.example.org',
        websiteUrl: 'https://coach.example.org',
        privacyUrl: 'https://coach.example.org/privacy',
        termsOfUseUrl: 'https://coach.example.org/terms',
      },
      accentColor: '#2E7D5B',
      outPath: 'dist/teams-app.zip',
    });
  });

  it('takes the app version from package.json when none is given', () => {
    const { version } = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')) as { version: string };
    expect(loadTeamsPackageConfig(goodEnv()).version).toBe(version);
  });

  it('rejects a bad GUID, an http URL and a missing app id, naming each variable', () => {
    const problems = configProblems(
      goodEnv({ MicrosoftAppId: 'not-a-guid', TEAMS_APP_ID: undefined, PUBLIC_URL: 'http://coach.example.org', TEAMS_PRIVACY_URL: 'ftp://x.org' }),
    );
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^MicrosoftAppId: must be a GUID/),
        'TEAMS_APP_ID: is required',
        'PUBLIC_URL: must be an https:// URL',
        'TEAMS_PRIVACY_URL: must be an https:// URL',
      ]),
    );
    expect(problems).toHaveLength(4);
  });

  it('rejects a missing PUBLIC_URL, a bad accent colour and overlong names', () => {
    const problems = configProblems(
      goodEnv({ PUBLIC_URL: ' ', TEAMS_ACCENT_COLOR: 'green', TEAMS_APP_SHORT_NAME: 'x'.repeat(31), TEAMS_DEVELOPER_NAME: 'y'.repeat(33) }),
    );
    expect(problems).toEqual(
      expect.arrayContaining([
        'PUBLIC_URL: is required',
        'TEAMS_ACCENT_COLOR: must be a colour like #2E7D5B',
        'TEAMS_APP_SHORT_NAME: must be at most 30 characters',
        'TEAMS_DEVELOPER_NAME: must be at most 32 characters',
      ]),
    );
  });

  it('rejects an app version Teams would not accept', () => {
    expect(() => loadTeamsPackageConfig(goodEnv(), { version: '1.0.0-beta.1' })).toThrow(/package\.json version: must be MAJOR\.MINOR\.PATCH/);
  });
});

describe('buildTeamsPackage', () => {
  let config: TeamsPackageConfig;
  beforeEach(() => {
    config = loadTeamsPackageConfig(goodEnv(), { version: '1.2.3' });
  });

  describe('with a good configuration', () => {
    let result: TeamsPackageResult;
    let files: Map<string, Uint8Array>;
    beforeAll(async () => {
      result = await buildTeamsPackage(
        loadTeamsPackageConfig(goodEnv({ TEAMS_PACKAGE_OUT: join(workDir, 'good', 'app.zip') }), { version: '1.2.3' }),
      );
      files = readPackage(result.zipPath);
    });

    it('writes a zip whose manifest validates against the bundled 1.19 schema and is wired to this bot', async () => {
      expect(result.errors).toEqual([]);
      expect([...files.keys()].sort()).toEqual(['color.png', 'en.json', 'manifest.json', 'outline.png']);

      const manifest = JSON.parse(strFromU8(files.get('manifest.json')!)) as AppManifest & Record<string, unknown>;
      const schema = bundledSchema('1.19', 'manifest') as unknown as Parameters<typeof AppManifestUtils.validateAgainstSchema>[1];
      expect(await AppManifestUtils.validateAgainstSchema(manifest, schema)).toEqual([]);
      expect(manifest).toEqual(result.manifest);
      expect(manifest).toMatchObject({
        $schema: 'https://developer.microsoft.com/en-us/json-schemas/teams/v1.19/MicrosoftTeams.schema.json',
        manifestVersion: '1.19',
        version: '1.2.3',
        id: APP_ID,
        bots: [{ botId: BOT_ID, scopes: ['personal'] }],
        validDomains: ['coach.example.org'],
        accentColor: '#1F6F50',
        icons: { color: 'color.png', outline: 'outline.png' },
        localizationInfo: { defaultLanguageTag: 'sv-se', additionalLanguages: [{ languageTag: 'en', file: 'en.json' }] },
      });
      // Learners see their chat only: the advisor dashboard is a separate app.
      expect(manifest.staticTabs).toEqual([{ entityId: 'conversations', scopes: ['personal'] }]);
      expect(manifest.webApplicationInfo).toBeUndefined();
    });

    it('ships English names and descriptions in a localization file', () => {
      const english = JSON.parse(strFromU8(files.get('en.json')!)) as Record<string, string>;
      expect(english['name.short']).toBe('Social Venture Coach');
      expect(english['description.full']).toMatch(/social entrepreneurs/);
      expect(Object.keys(english).some((key) => key.startsWith('staticTabs'))).toBe(false);
    });

    it('draws a 192x192 colour icon and a 32x32 white-on-transparent outline icon', () => {
      const colour = PNG.sync.read(Buffer.from(files.get('color.png')!));
      expect([colour.width, colour.height, colour.colorType]).toEqual([192, 192, 6]);
      expect(pixel(colour, 10, 96)).toEqual([0x1f, 0x6f, 0x50, 255]); // accent background
      expect(pixel(colour, 72, 108)).toEqual([255, 255, 255, 255]); // inside the white speech bubble

      const outline = PNG.sync.read(Buffer.from(files.get('outline.png')!));
      expect([outline.width, outline.height, outline.alpha]).toEqual([32, 32, true]);
      expect(pixel(outline, 0, 0)[3]).toBe(0);
      let transparent = 0;
      let opaqueWhite = 0;
      for (let y = 0; y < 32; y += 1) {
        for (let x = 0; x < 32; x += 1) {
          const [r, g, b, a] = pixel(outline, x, y);
          if (a === 0) transparent += 1;
          else expect([r, g, b]).toEqual([255, 255, 255]);
          if (a === 255) opaqueWhite += 1;
        }
      }
      expect(transparent).toBeGreaterThan(100);
      expect(opaqueWhite).toBeGreaterThan(200);
    });

    (hasUnzip ? it : it.skip)('produces a package that unzip lists and tests without errors', () => {
      const listing = spawnSync('unzip', ['-l', result.zipPath], { encoding: 'utf8' });
      expect(listing.status).toBe(0);
      for (const name of ['manifest.json', 'color.png', 'outline.png', 'en.json']) expect(listing.stdout).toContain(name);
      expect(spawnSync('unzip', ['-t', result.zipPath], { encoding: 'utf8' }).stdout).toContain('No errors detected');
    });

    it('validates the localization file against the bundled localization schema', async () => {
      const english = JSON.parse(strFromU8(files.get('en.json')!)) as Record<string, string>;
      const tampered = new Map(files).set('en.json', Buffer.from(JSON.stringify({ ...english, 'name.short': 'E'.repeat(31) })));
      expect(await validatePackage(tampered, { botId: BOT_ID, publicUrl: config.publicUrl })).toEqual([
        expect.stringMatching(/^en\.json: schema: \/name\.short must NOT have more than 30 characters/),
      ]);
    });

    it('rejects an outline icon that is not white, checking the pixels themselves', async () => {
      const red = new PNG({ width: 32, height: 32 });
      red.data.fill(0);
      for (let at = 0; at < red.data.length / 2; at += 4) red.data.set([255, 0, 0, 255], at); // top half red, bottom half transparent
      const tampered = new Map(files).set('outline.png', PNG.sync.write(red));
      expect(await validatePackage(tampered, { botId: BOT_ID, publicUrl: config.publicUrl })).toEqual([
        'outline.png: the outline icon must be white only; 512 visible pixel(s) are another colour',
      ]);
    });
  });

  it('rejects icons of the wrong size', async () => {
    const result = await buildTeamsPackage(config, {
      adjustManifest: (manifest) => ({ ...manifest, icons: { color: 'outline.png', outline: 'color.png' } }),
    });
    expect(result.errors).toEqual([
      'outline.png: the color icon must be 192x192 pixels, it is 32x32',
      'color.png: the outline icon must be 32x32 pixels, it is 192x192',
    ]);
  });

  it('rejects a manifest without developer.privacyUrl with the schema error, and writes no zip', async () => {
    writeFileSync(config.outPath, 'an older package');
    const result = await buildTeamsPackage(config, {
      adjustManifest: (manifest) => {
        delete (manifest.developer as { privacyUrl?: string }).privacyUrl;
        return manifest;
      },
    });
    expect(result.errors).toEqual([expect.stringMatching(/^manifest\.json: schema: \/developer must have required property 'privacyUrl'/)]);
    expect(existsSync(result.zipPath)).toBe(false);
  });

  it('rejects a short name over 30 characters with the schema error', async () => {
    const result = await buildTeamsPackage(config, {
      adjustManifest: (manifest) => ({ ...manifest, name: { ...manifest.name, short: 'S'.repeat(31) } }),
    });
    expect(result.errors).toEqual([expect.stringMatching(/^manifest\.json: schema: \/name\/short must NOT have more than 30 characters/)]);
  });

  it('rejects a bot id that is not MicrosoftAppId and a tab served from a domain not in validDomains', async () => {
    const result = await buildTeamsPackage(config, {
      adjustManifest: (manifest) => ({
        ...manifest,
        bots: [{ botId: APP_ID, scopes: ['personal'] }],
        staticTabs: [{ entityId: 'advisor-dashboard', contentUrl: 'https://elsewhere.example.net/advisor', scopes: ['personal'] }],
      }),
    });
    expect(result.errors).toEqual([
      `manifest.json: bots[0].botId is ${APP_ID}, but MicrosoftAppId is ${BOT_ID}`,
      'manifest.json: staticTabs[0].contentUrl is not on one of the validDomains: https://elsewhere.example.net/advisor',
    ]);
  });

  it('rejects validDomains that leave out the PUBLIC_URL host', async () => {
    const result = await buildTeamsPackage(config, { adjustManifest: (manifest) => ({ ...manifest, validDomains: ['*.example.net'] }) });
    expect(result.errors).toContain('manifest.json: validDomains must contain the PUBLIC_URL host coach.example.org');
  });

  it('uses name overrides in every language and still validates', async () => {
    const branded = loadTeamsPackageConfig(goodEnv({ TEAMS_APP_SHORT_NAME: 'Coompanion Coach' }), { version: '1.2.3' });
    const result = await buildTeamsPackage(branded);
    expect(result.errors).toEqual([]);
    expect(result.manifest.name.short).toBe('Coompanion Coach');
    const english = readPackage(result.zipPath).get('en.json')!;
    expect((JSON.parse(strFromU8(english)) as Record<string, string>)['name.short']).toBe('Coompanion Coach');
  });
});

describe('the advisor Teams app', () => {
  const SSO = '5e1f0c2a-7d44-4b8e-9a51-3c2d1e0f9a77';
  let result: TeamsPackageResult;
  let files: Map<string, Uint8Array>;
  beforeAll(async () => {
    const config = loadTeamsPackageConfig(goodEnv({ TEAMS_SSO_CLIENT_ID: SSO, TEAMS_ADVISOR_PACKAGE_OUT: join(workDir, 'advisor', 'app.zip') }), {
      version: '1.2.3',
    });
    result = await buildAdvisorTeamsPackage(config);
    files = readPackage(result.zipPath);
  });

  it('is a valid package of its own: no bot, the dashboard tab, single sign-on for the tab', async () => {
    expect(result.errors).toEqual([]);
    const manifest = JSON.parse(strFromU8(files.get('manifest.json')!)) as AppManifest & Record<string, unknown>;
    const schema = bundledSchema('1.19', 'manifest') as unknown as Parameters<typeof AppManifestUtils.validateAgainstSchema>[1];
    expect(await AppManifestUtils.validateAgainstSchema(manifest, schema)).toEqual([]);
    expect(manifest.bots).toBeUndefined();
    expect(manifest.id).not.toBe(APP_ID);
    expect(manifest.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(manifest.staticTabs).toEqual([
      expect.objectContaining({
        entityId: 'advisor-dashboard',
        contentUrl: 'https://coach.example.org/advisor/tab?inTeams=1',
        websiteUrl: 'https://coach.example.org/advisor',
        scopes: ['personal'],
      }),
    ]);
    expect(manifest.webApplicationInfo).toEqual({ id: SSO, resource: `api://coach.example.org/${SSO}` });
    const english = JSON.parse(strFromU8(files.get('en.json')!)) as Record<string, string>;
    expect(english['staticTabs[0].name']).toBe('Advisor dashboard');
  });

  it('keeps the same derived id between builds, and takes TEAMS_ADVISOR_APP_ID when it is set', () => {
    const again = loadTeamsPackageConfig(goodEnv(), { version: '1.2.3' });
    expect(again.advisorAppId).toBe(result.manifest.id);
    expect(loadTeamsPackageConfig(goodEnv({ TEAMS_ADVISOR_APP_ID: BOT_ID }), { version: '1.2.3' }).advisorAppId).toBe(BOT_ID);
  });

  it('refuses an advisor app that has a bot', async () => {
    const config = loadTeamsPackageConfig(goodEnv({ TEAMS_ADVISOR_PACKAGE_OUT: join(workDir, 'advisor-bad.zip') }), { version: '1.2.3' });
    const bad = await buildAdvisorTeamsPackage(config, {
      adjustManifest: (manifest) => ({ ...manifest, bots: [{ botId: BOT_ID, scopes: ['personal'] }] }),
    });
    expect(bad.errors).toEqual(['manifest.json: this app must have no bot, it has 1']);
  });
});
