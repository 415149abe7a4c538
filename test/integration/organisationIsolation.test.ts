import type { Store } from '../../bot/ports/store';
import { loadCurriculumOrThrow } from '../../curriculum/loadCurriculum';
import { catalogueEntries } from '../../dialogs/catalogue';
import { DirectLineClient, embedGrant, readable } from '../support/directLineClient';
import { startFakeConnector, type FakeConnector } from '../support/fakeConnector';
import { writeOrganisationFolder, type OrganisationFolder } from '../support/organisationFolder';
import { startTestServer, type TestServer } from '../support/startTestServer';
import { readableTeams, TeamsUser } from '../support/teamsUser';
import { testOrganisation } from '../support/testOrganisations';

const SITE_A = 'https://coop-a.example.org';
const SITE_B = 'https://coop-b.example.org';
const TENANT_A = '0a0a0a0a-1111-4222-8333-444444444444';
const TENANT_B = '0b0b0b0b-1111-4222-8333-444444444444';
const modules = loadCurriculumOrThrow().modules;
/** Coop B offers two modules; the others must be unreachable for its learners. */
const offeredByB = [modules[0]!, modules[4]!];
const notOfferedByB = modules.filter((m) => !offeredByB.includes(m));
const CODE = /\b([A-Z2-9]{4}-[A-Z2-9]{4})\b/;

/** A web learner on one cooperative's site: the chat page's grant opens the session, the learner onboards in English. */
async function webLearner(server: TestServer, organisationId: string, site: string, name?: string): Promise<DirectLineClient> {
  const client = new DirectLineClient(server.url);
  await client.connect(undefined, await embedGrant(server.url, organisationId, site));
  if (name) {
    await client.press('en', 'English');
    await client.press('consent-yes');
    await client.say(name);
    await client.say(`${name}s cykel`);
    await client.say('We repair bicycles and offer work training.');
    await client.press('share-yes');
  }
  return client;
}

function linkCodeIn(text: string): string {
  const code = CODE.exec(text)?.[1];
  if (!code) throw new Error(`no link code in: ${text}`);
  return code;
}

const refusedCode = new RegExp(`${catalogueEntries.linkCodeInvalid.sv.slice(0, 30)}|${catalogueEntries.linkCodeInvalid.en.slice(0, 30)}`);

describe('two cooperatives on one bot: their learners never meet', () => {
  let folder: OrganisationFolder;
  let server: TestServer;
  let connector: FakeConnector;
  let store: Store;

  beforeAll(async () => {
    folder = await writeOrganisationFolder([
      testOrganisation('coop-a', { allowedOrigins: [SITE_A], teamsTenantIds: [TENANT_A] }),
      testOrganisation('coop-b', { allowedOrigins: [SITE_B], teamsTenantIds: [TENANT_B], modules: offeredByB.map((m) => m.id) }),
    ]);
    connector = await startFakeConnector();
    server = await startTestServer({ ORGANISATIONS_DIR: folder.dir });
    // The running bot's own store (its data folder admits one user), to see what was stored.
    store = server.app.store;
  });
  afterAll(async () => {
    await server?.dispose();
    await connector?.close();
    await folder?.remove();
  });

  it("When the same browser opens the chat on two cooperatives' sites, Then it is two learners, each in its own organisation", async () => {
    const onA = await webLearner(server, 'coop-a', SITE_A, 'Amina');
    // The same browser brings A's resume key to B's chat (as a page would that kept one key for every site).
    const onB = new DirectLineClient(server.url);
    const greeting = readable(await onB.connect(onA.resumeKey, await embedGrant(server.url, 'coop-b', SITE_B)));

    expect(greeting).toContain('Välj språk / choose a language');
    expect(greeting).not.toContain('Amina');
    expect(onB.userId).not.toBe(onA.userId);
    expect(onB.conversationId).not.toBe(onA.conversationId);
    await onB.press('en', 'English');
    await onB.press('consent-yes');
    await onB.say('Bodil');

    const identityA = { channel: 'webchat' as const, userId: onA.userId };
    const identityB = { channel: 'webchat' as const, userId: onB.userId };
    await expect(store.findLearner(identityA, 'coop-a')).resolves.toMatchObject({ organisationId: 'coop-a', displayName: 'Amina' });
    await expect(store.findLearner(identityA, 'coop-b')).resolves.toBeNull();
    await expect(store.findLearner(identityB, 'coop-b')).resolves.toMatchObject({ organisationId: 'coop-b', displayName: 'Bodil' });
    await expect(store.findLearner(identityB, 'coop-a')).resolves.toBeNull();

    // Back on A's site with A's resume key, the learner is still A's, unchanged by the visit to B.
    const backOnA = new DirectLineClient(server.url);
    expect(readable(await backOnA.connect(onA.resumeKey, await embedGrant(server.url, 'coop-a', SITE_A)))).toContain('Welcome back, Amina!');
    expect(backOnA.userId).toBe(onA.userId);
  });

  it('When a web learner of one cooperative asks for a link code, Then it links nobody in the other, but still works in its own', async () => {
    const webA = await webLearner(server, 'coop-a', SITE_A, 'Amina');
    const code = linkCodeIn(readable(await webA.say('link')));

    const teamsOfB = new TeamsUser(server.url, connector, 'sv-SE', TENANT_B);
    expect(readableTeams(await teamsOfB.say(code))).toMatch(refusedCode);
    const webOfB = await webLearner(server, 'coop-b', SITE_B);
    expect(readable(await webOfB.say(code))).toMatch(refusedCode);
    await expect(store.findLearner({ channel: 'msteams', userId: teamsOfB.aadObjectId, tenantId: TENANT_B }, 'coop-a')).resolves.toBeNull();

    const teamsOfA = new TeamsUser(server.url, connector, 'sv-SE', TENANT_A);
    expect(readableTeams(await teamsOfA.say(code))).toContain('Amina');
    const linked = await store.findLearner({ channel: 'msteams', userId: teamsOfA.aadObjectId, tenantId: TENANT_A }, 'coop-a');
    expect(linked?.id).toBe((await store.findLearner({ channel: 'webchat', userId: webA.userId }, 'coop-a'))?.id);
  });

  it('When a Teams learner of one cooperative asks for a link code, Then a web learner of the other cannot use it', async () => {
    const teamsOfB = new TeamsUser(server.url, connector, 'en-GB', TENANT_B);
    await teamsOfB.post({ ...teamsOfB.base('conversationUpdate'), membersAdded: [{ id: teamsOfB.botId }] });
    await teamsOfB.tap('en', 'English');
    await teamsOfB.tap('consent-yes', 'Yes, that is OK');
    await teamsOfB.say('Cecilia');
    await teamsOfB.say('Cecilias kafé');
    await teamsOfB.say('A café that employs people far from the labour market.');
    await teamsOfB.tap('share-yes', 'Yes, they may see them');
    const code = linkCodeIn(readableTeams(await teamsOfB.say('link')));

    const webOfA = await webLearner(server, 'coop-a', SITE_A);
    expect(readable(await webOfA.say(code))).toMatch(refusedCode);
    const webOfB = await webLearner(server, 'coop-b', SITE_B);
    expect(readable(await webOfB.say(code))).toContain('Cecilia');
  });

  describe('a cooperative that offers only some modules', () => {
    let learner: DirectLineClient;
    let menu: string;

    beforeAll(async () => {
      learner = new DirectLineClient(server.url);
      await learner.connect(undefined, await embedGrant(server.url, 'coop-b', SITE_B));
      await learner.press('en', 'English');
      await learner.press('consent-yes');
      await learner.say('Dana');
      await learner.say('Danas verkstad');
      await learner.say('A workshop that repairs furniture with people in work training.');
      menu = readable(await learner.press('share-yes'));
    });

    it('shows only those modules in its menu', () => {
      for (const offered of offeredByB) expect(menu).toContain(offered.title.en);
      for (const other of notOfferedByB) expect(menu).not.toContain(other.title.en);
    });

    it.each(notOfferedByB.map((m) => [m.id, m] as const))('does not open %s, typed by name or sent as a button value', async (_id, other) => {
      const typed = readable(await learner.say(other.title.en));
      const pressed = readable(await learner.press(`module:${other.id}`, other.title.en));
      const lessonPressed = readable(await learner.press(`lesson:${other.id}/${other.lessons[0]!.id}`, other.lessons[0]!.title.en));

      for (const reply of [typed, pressed, lessonPressed]) {
        expect(reply).toContain(catalogueEntries.pickModuleAgain.en);
        expect(reply).not.toContain(other.lessons[0]!.title.en);
      }
      const progress = await store.loadProgress((await store.findLearner({ channel: 'webchat', userId: learner.userId }, 'coop-b'))!.id);
      expect(JSON.stringify(progress?.summary ?? {})).not.toContain(other.id);
    });

    it('opens a module it offers', async () => {
      expect(readable(await learner.press(`module:${offeredByB[1]!.id}`, offeredByB[1]!.title.en))).toContain(
        `lesson 1 of ${offeredByB[1]!.lessons.length}`,
      );
    });
  });
});
