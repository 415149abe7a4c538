import { DirectLineClient, embedGrant, readable } from '../support/directLineClient';
import { writeOrganisationFolder, type OrganisationFolder } from '../support/organisationFolder';
import { startTestServer, type TestServer } from '../support/startTestServer';
import { testOrganisation } from '../support/testOrganisations';

const SITE = 'https://coop-a.example.org';
const NOTICE = 'https://coop-a.example.org/integritet';

describe("the consent question links the learner's organisation's privacy notice", () => {
  let folder: OrganisationFolder;
  let server: TestServer;

  beforeAll(async () => {
    folder = await writeOrganisationFolder([testOrganisation('coop-a', { allowedOrigins: [SITE], privacyUrl: NOTICE })]);
    server = await startTestServer({ ORGANISATIONS_DIR: folder.dir });
  });
  afterAll(async () => {
    await server?.dispose();
    await folder?.remove();
  });

  it("the cooperative's own notice on its site, the bot's page for an organisation without one", async () => {
    const coopLearner = new DirectLineClient(server.url);
    await coopLearner.connect(undefined, await embedGrant(server.url, 'coop-a', SITE));
    const coopConsent = readable(await coopLearner.press('en', 'English'));
    expect(coopConsent).toContain(`(${NOTICE})`);
    expect(coopConsent).not.toContain('(/privacy?lang=en)');
    expect(coopConsent).toContain('(/terms?lang=en)');

    const demoLearner = new DirectLineClient(server.url);
    await demoLearner.connect();
    const demoConsent = readable(await demoLearner.press('en', 'English'));
    expect(demoConsent).toContain('(/privacy?lang=en)');
    expect(demoConsent).not.toContain(NOTICE);
  });
});
