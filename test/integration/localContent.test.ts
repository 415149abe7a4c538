import { DirectLineClient, readable } from '../support/directLineClient';
import { startTestServer, type TestServer } from '../support/startTestServer';

describe('a cooperative’s own content folder (CONTENT_DIRS)', () => {
  let server: TestServer | undefined;
  afterEach(async () => server?.dispose());

  it('adds its regional module to the menu after the built-in ones, without code changes', async () => {
    server = await startTestServer({ CONTENT_DIRS: 'test/fixtures/content/local-module' });
    const client = new DirectLineClient(server.url);
    await client.connect();
    await client.press('sv', 'Svenska');
    await client.press('consent-yes');
    await client.say('Amina');
    await client.say('Vätterhjul');
    await client.say('Vi lagar cyklar.');
    const menu = readable(await client.press('share-yes'));
    expect(menu.indexOf('Finansiering i vår region')).toBeGreaterThan(menu.indexOf('Affärer med offentlig sektor'));
    expect(readable(await client.press('module:local-funding'))).toContain('Finansiering i vår region – lektion 1');
  });

  it('refuses to start on broken content, naming the file and the problem', async () => {
    await expect(startTestServer({ CONTENT_DIRS: 'test/fixtures/content/broken-missing-english' })).rejects.toThrow(
      /broken-missing-english\/modules\/.+\.yaml: .*en/,
    );
  });
});
