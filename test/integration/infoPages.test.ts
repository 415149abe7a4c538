import { startTestServer, type TestServer } from '../support/startTestServer';

describe('the pages the Teams app links to', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => server.dispose());

  it.each([
    ['/privacy', /radera mina data[\s\S]*delete my data/],
    ['/terms', /ersätter inte juridisk[\s\S]*does not replace legal/],
  ])('%s is a bilingual HTML page', async (path, content) => {
    const response = await fetch(`${server.url}${path}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await response.text()).toMatch(content);
  });
});
