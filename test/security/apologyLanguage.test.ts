import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { say } from '../../dialogs/catalogue';
import { DirectLineClient } from '../support/directLineClient';
import { recordFinding } from '../support/findings';
import { storedFiles } from '../support/storedFiles';
import { startTestServer, type TestServer } from '../support/startTestServer';

describe('the apology after an internal error', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => server?.dispose());

  it('is in the language the learner chose, not the browser’s', async () => {
    const client = new DirectLineClient(server.url);
    await client.connect();
    // A Swedish browser (every activity says sv-SE) whose learner chose English.
    const post = (activity: Record<string, unknown>) =>
      client.post({ locale: 'sv-SE', channelData: { clientActivityID: randomUUID() }, ...activity });
    await post({ type: 'message', text: 'English', value: { choice: 'en' } });
    await post({ type: 'message', text: 'Yes', value: { choice: 'consent-yes' } });
    await client.botActivities();

    // The stored conversation comes from a newer release: restoring it fails, which is an internal error. Written
    // through the bot's own store, which is the one writer of its data folder.
    const [progressFile] = await storedFiles(server.dataDir, join(server.dataDir, 'progress'));
    const learnerId = progressFile!.replace(/\.json$/, '');
    const progress = (await server.app.store.loadProgress(learnerId))!;
    const newer = { ...progress, version: progress.version + 1, conversation: { schemaVersion: 999 } };
    expect(await server.app.store.saveProgress(newer, progress.version)).toBe('saved');
    await post({ type: 'message', text: 'Amina' });
    const replies = (await client.botActivities()).map((reply) => reply.text ?? '');

    recordFinding(`internal error for a learner who chose English in a Swedish browser: "${replies.join(' | ')}"`);
    expect(replies).toEqual([say('en', 'unexpectedError')]);
    expect(replies).not.toContain(say('sv', 'unexpectedError'));
  });
});
