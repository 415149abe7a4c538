import { FileNotesStore } from '../../adapters/storage/file/fileNotesStore';
import { AdvisorClient } from '../support/advisorClient';
import { ADVISOR_TEST_ENV, invite, learnerIdOf, onboard, setSharing, teamsSender, walkModule, webSender } from '../support/advisorWorld';
import { DirectLineClient, readable } from '../support/directLineClient';
import { startFakeConnector, type FakeConnector } from '../support/fakeConnector';
import { startTestServer, type TestServer } from '../support/startTestServer';
import { TeamsUser, readableTeams } from '../support/teamsUser';

jest.setTimeout(120_000);

/**
 * The advisor side over real HTTP: learners made through Direct Line and Teams-shaped activities, advisors of two
 * organisations signed in with invite links, and every advisor route tried across the organisation boundary.
 */
describe('the advisor dashboard over HTTP', () => {
  let server: TestServer;
  let connector: FakeConnector;
  let web: DirectLineClient;
  let teams: TeamsUser;
  let webLearner: string;
  let teamsLearner: string;
  let otherLearner: string;
  let advisorA: AdvisorClient;
  let advisorB: AdvisorClient;

  beforeAll(async () => {
    connector = await startFakeConnector();
    server = await startTestServer({ ...ADVISOR_TEST_ENV });
    web = new DirectLineClient(server.url);
    await web.connect();
    await onboard(webSender(web), '<img src=x onerror=alert(1)>', '=HYPERLINK("http://evil.example")');
    await walkModule(webSender(web), 'business-model');
    webLearner = await learnerIdOf(server.app.store, { channel: 'webchat', userId: web.userId }, 'coop-a');

    teams = new TeamsUser(server.url, connector);
    await teams.post({ ...teams.base('conversationUpdate'), membersAdded: [{ id: teams.botId }] });
    await onboard(teamsSender(teams), 'Amina', 'Vätterhjul');
    await walkModule(teamsSender(teams), 'challenge-to-idea', 'wrong');
    teamsLearner = await learnerIdOf(server.app.store, { channel: 'msteams', userId: teams.aadObjectId, tenantId: teams.tenantId }, 'coop-a');

    const store = server.app.store;
    otherLearner = (await store.resolveLearner({ channel: 'webchat', userId: 'wl_other_organisation_learner_0001' }, 'coop-b')).id;
    await setSharing(store, otherLearner, true);

    advisorA = new AdvisorClient(server.url);
    advisorB = new AdvisorClient(server.url);
    expect((await advisorA.signIn(await invite(server.dataDir, server.url, 'coop-a', 'Karin Rådgivare', 'karin@coop-a.example'))).status).toBe(200);
    expect(
      (await advisorB.signIn(await invite(server.dataDir, server.url, 'coop-b', 'Bo Rådgivare', 'bo@coop-b.example', 'admin', 'en'))).status,
    ).toBe(200);
  });

  afterAll(async () => {
    await server?.dispose();
    await connector?.close();
  });

  test('the cohort lists the learners of the advisor’s organisation who share, with progress, and nobody else’s', async () => {
    const page = await advisorA.get('/advisor');
    expect(page.status).toBe(200);
    expect(page.text).toContain('&#60;img src=x onerror=alert(1)&#62;');
    expect(page.text).not.toContain('<img src=x');
    expect(page.text).toContain('Vätterhjul');
    expect(page.text).toContain('2 deltagare');
    expect(page.headers.get('content-security-policy')).toMatch(/script-src 'self' 'nonce-[^']+'; style-src 'nonce-[^']+'.*frame-ancestors 'none'/);

    expect((await advisorA.get('/advisor?q=vatter')).text).toContain('1 deltagare');
    expect((await advisorA.get('/advisor?module=business-model')).text).not.toContain('Vätterhjul');
    expect((await advisorA.get('/advisor?stalled=1')).text).toContain('0 deltagare');

    const other = await advisorB.get('/advisor');
    expect(other.text).toContain('0 learners');
    expect(other.text).not.toContain('Vätterhjul');
  });

  test('the learner page shows each answer under its question, quiz results, the canvas grid, and logs the view', async () => {
    const page = await advisorA.get(`/advisor/learners/${webLearner}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('class="canvas"');
    expect(page.text).toContain('Nyckelaktiviteter');
    expect(page.text).toMatch(/Vi vill att fler personer får jobb – svar på/);
    const teamsPage = await advisorA.get(`/advisor/learners/${teamsLearner}`);
    expect(teamsPage.text).toContain('class="wrong"');
    expect(teamsPage.text).toContain('Agenda 2030');
  });

  test('a note reaches the open web chat, and a Teams learner’s note reaches the connector as a proactive message', async () => {
    await advisorA.get(`/advisor/learners/${webLearner}`);
    const sent = await advisorA.post(
      `/advisor/learners/${webLearner}/notes`,
      { text: 'Snygg kanvas! Titta på kanalerna.', answer: '' },
      { follow: true },
    );
    expect(sent.text).toContain('Anteckningen är sparad');
    const deadline = Date.now() + 10_000;
    let seen = '';
    while (Date.now() < deadline && !seen.includes('Snygg kanvas')) {
      seen += readable(await web.botActivities());
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(seen).toContain('Karin Rådgivare på Kooperativ A har skrivit till dig');
    expect(seen).toContain('Snygg kanvas! Titta på kanalerna.');
    expect(seen).toContain('Svara rådgivaren');

    const before = connector.posts.length;
    await advisorA.get(`/advisor/learners/${teamsLearner}`);
    await advisorA.post(`/advisor/learners/${teamsLearner}/notes`, { text: 'Bra jobbat med utmaningen.', answer: '' });
    const until = Date.now() + 10_000;
    while (Date.now() < until && !connector.posts.slice(before).some((p) => readableTeams([p.activity]).includes('Bra jobbat'))) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const proactive = connector.posts.slice(before).find((p) => readableTeams([p.activity]).includes('Bra jobbat'));
    // continueConversationAsync sends into the stored conversation (replying to its own continuation event).
    expect(proactive?.path).toMatch(new RegExp(`^/v3/conversations/${encodeURIComponent(teams.conversationId)}/activities(/[0-9a-f-]{36})?$`));
    expect(readableTeams([proactive!.activity])).toContain('Svara rådgivaren');

    const status = await waitFor(async () => {
      const page = await advisorA.get(`/advisor/learners/${teamsLearner}`);
      return page.text.includes('Levererad (Teams)') ? page : null;
    });
    expect(status.text).toContain('Levererad (Teams)');
  });

  test('the learner answers the note in the chat, and the reply shows in the advisor’s thread', async () => {
    const replies = readable(await web.press(`advisor-reply:${await firstNoteId(server.dataDir, webLearner)}`));
    expect(replies).toContain('Skriv ditt svar till rådgivaren');
    expect(readable(await web.say('Tack, jag ska titta på det!'))).toContain('Ditt svar är skickat');
    expect((await advisorA.get(`/advisor/learners/${webLearner}`)).text).toContain('Tack, jag ska titta på det!');
    // A forged button with another learner's note id stores nothing.
    await teams.post({ ...teams.base('message'), value: { choice: `advisor-reply:${await firstNoteId(server.dataDir, webLearner)}` } });
    expect(readableTeams(await teams.say('Jag låtsas vara någon annan'))).toContain('hittar inte den kommentaren');
  });

  test('the web learner’s readable export shows the notes, their reply and which advisor read the record', async () => {
    const replies = await web.say('exportera mina data');
    const document = replies.flatMap((a) => a.attachments ?? []).find((f) => f.contentType === 'text/html')?.contentUrl;
    expect(document).toBeDefined();
    const html = await (await fetch(`${server.url}${document}`)).text();
    expect(html).toContain('<h3>Vad rådgivarna har skrivit till dig</h3>');
    expect(html).toContain('Snygg kanvas! Titta på kanalerna.');
    expect(html).toContain('Tack, jag ska titta på det!');
    expect(html).toMatch(/<li>Karin Rådgivare läste dem \d+ \w+ \d{4}<\/li>/);
  });

  test('“talk to an advisor” opens a request that the dashboard shows until a note answers it', async () => {
    await teams.say('prata med en rådgivare');
    expect((await advisorA.get('/advisor?request=1')).text).toContain('1 öppen förfrågan');
    await advisorA.get(`/advisor/learners/${teamsLearner}`);
    await advisorA.post(`/advisor/learners/${teamsLearner}/notes`, { text: 'Hej! Ring mig i morgon.', answer: '' });
    expect((await advisorA.get('/advisor?request=1')).text).toContain('0 deltagare');
  });

  test('every learner route of another organisation answers 404, as does a guessed id', async () => {
    const guessed = '3f2b8c1e-0000-4000-8000-000000000000';
    for (const id of [otherLearner, guessed]) {
      for (const path of [`/advisor/learners/${id}`, `/advisor/learners/${id}/answers.csv`])
        expect([path, (await advisorA.get(path)).status]).toEqual([path, 404]);
      await advisorA.get('/advisor');
      expect((await advisorA.post(`/advisor/learners/${id}/notes`, { text: 'hej' })).status).toBe(404);
    }
    for (const id of [webLearner, teamsLearner]) {
      for (const path of [`/advisor/learners/${id}`, `/advisor/learners/${id}/answers.csv`])
        expect([path, (await advisorB.get(path)).status]).toEqual([path, 404]);
      await advisorB.get('/advisor');
      expect((await advisorB.post(`/advisor/learners/${id}/notes`, { text: 'hej' })).status).toBe(404);
    }
    expect((await advisorB.get('/advisor/cohort.csv')).text).not.toContain('Vätterhjul');
    expect((await advisorB.get('/advisor/analytics')).text).toContain('0 learners active');
    // Not an admin: the advisors page does not exist for them.
    expect((await advisorA.get('/advisor/advisors')).status).toBe(404);
    expect((await advisorB.get('/advisor/advisors')).text).not.toContain('karin@coop-a.example');
  });

  test('CSV exports are UTF-8 with a BOM and cannot smuggle a formula into a spreadsheet', async () => {
    const cohort = await advisorA.get('/advisor/cohort.csv');
    expect(cohort.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect([...cohort.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(cohort.text).toContain(`"'=HYPERLINK(""http://evil.example"")"`);
    expect(cohort.text).toContain('"Vätterhjul"');
    const answers = await advisorA.get(`/advisor/learners/${webLearner}/answers.csv`);
    expect([...answers.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(answers.text).toContain('Vi vill att fler personer får jobb');
  });

  test('analytics show the funnel, drop-off, quiz accuracy and activity, each chart with its table', async () => {
    const page = await advisorA.get('/advisor/analytics');
    expect(page.status).toBe(200);
    expect(page.text).toContain('2 deltagare aktiva under perioden');
    expect(page.text.match(/<svg class="chart"/g)?.length).toBeGreaterThanOrEqual(3);
    expect(page.text).toContain('Siffrorna i diagrammet');
    expect(page.text).toContain('Quizfrågor som flest svarar fel på');
    expect(page.text).toMatch(/>0 % rätt av 1</); // Amina answered every quiz of her module wrong
  });

  test('a link used twice, an expired or forged link, a forged cookie and a missing CSRF token never reach the dashboard', async () => {
    const link = await invite(server.dataDir, server.url, 'coop-a', 'Eva', 'eva@coop-a.example');
    const eva = new AdvisorClient(server.url);
    expect((await eva.signIn(link)).text).toContain('Deltagare');
    const again = new AdvisorClient(server.url);
    const reused = await again.signIn(link);
    expect(reused.status).toBe(401);
    expect(reused.text).toContain('Länken fungerar inte');
    const forged = await again.signIn(`${server.url}/advisor/sign-in?token=${'A'.repeat(43)}`);
    expect(forged.status).toBe(401);
    expect((await again.get('/advisor/sign-in?token=nonsense')).status).toBe(401);

    const cookieForger = new AdvisorClient(server.url);
    cookieForger.cookies.set('svc_advisor', 'B'.repeat(43));
    const withForgedCookie = await cookieForger.get('/advisor');
    expect(withForgedCookie.status).toBe(401);
    expect(withForgedCookie.text).toContain('Du är inte inloggad');
    expect(withForgedCookie.text).not.toContain('Vätterhjul');
    expect((await cookieForger.get(`/advisor/learners/${webLearner}`)).status).toBe(401);

    await eva.get('/advisor');
    expect((await eva.post(`/advisor/learners/${webLearner}/notes`, { text: 'x' }, { csrf: 'wrong' })).status).toBe(403);
    expect((await eva.post(`/advisor/learners/${webLearner}/notes`, { text: 'x' }, { origin: 'https://evil.example' })).status).toBe(403);
    expect((await eva.post('/advisor/sign-out', {})).status).toBe(200);
    expect((await eva.get('/advisor')).status).toBe(401);
  });

  test('the session cookie is HttpOnly and SameSite=Lax', async () => {
    const client = new AdvisorClient(server.url);
    const page = await client.get((await invite(server.dataDir, server.url, 'coop-a', 'Per', 'per@coop-a.example')).replace(server.url, ''));
    const token = /name="token" value="([^"]+)"/.exec(page.text)![1]!;
    const answer = await client.request('POST', '/advisor/sign-in', new URLSearchParams({ token }).toString(), {
      'Content-Type': 'application/x-www-form-urlencoded',
      Origin: server.url,
    });
    expect(answer.status).toBe(303);
    expect(answer.headers.getSetCookie().join('\n')).toMatch(/^svc_advisor=[A-Za-z0-9_-]{43}; Path=\/advisor; HttpOnly; SameSite=Lax$/m);
  });

  test('export my data includes notes, requests and who viewed the record; withdrawing consent removes the learner at once; delete removes it all', async () => {
    const exported = await teams.say('exportera mina data');
    const json = JSON.stringify(exported);
    expect(json).toContain('Bra jobbat med utmaningen.');
    expect(json).toContain('accessLog');
    expect(json).toContain('Karin Rådgivare');

    await teams.say('sluta dela');
    expect((await advisorA.get('/advisor')).text).not.toContain('Vätterhjul');
    expect((await advisorA.get(`/advisor/learners/${teamsLearner}`)).status).toBe(404);

    await teams.say('radera mina data');
    await teams.post({ ...teams.base('message'), value: { choice: 'delete-yes' } });
    const exportAfter = await server.app.store.exportLearner(teamsLearner);
    expect(exportAfter).toBeNull();
    const notes = await FileNotesStore.open(server.dataDir);
    expect(await notes.exportLearner(teamsLearner)).toEqual({ notes: [], requests: [], replies: [], accessLog: [] });
  });
});

/** The id of the learner's first note, as the button under the delivered note carries it. */
async function firstNoteId(dataDir: string, learnerId: string): Promise<string> {
  const notes = await FileNotesStore.open(dataDir);
  return (await notes.exportLearner(learnerId)).notes[0]!.id;
}

async function waitFor<T>(probe: () => Promise<T | null>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
