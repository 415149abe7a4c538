import { randomUUID } from 'node:crypto';
import { appendFile, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StoreUnavailableError } from '../../bot/ports/store';
import { RECORD_SCHEMA_VERSION } from '../../bot/records';
import { FileStore } from '../../adapters/storage/file/fileStore';
import { FileLayout } from '../../adapters/storage/file/fileLayout';
import { answerRecord, describeStoreContract, progressRecord, webIdentity } from './storeContract';

async function temporaryDataDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'file-store-'));
}

describeStoreContract('FileStore', async () => {
  const dataDir = await temporaryDataDir();
  const store = await FileStore.open(dataDir);
  const layout = new FileLayout(dataDir);
  return {
    store,
    async cleanup() {
      await store.close();
      await rm(dataDir, { recursive: true, force: true });
    },
    async plantDocument(kind, document) {
      if (kind === 'learner') await writeFile(layout.learnerFile(String(document.id)), JSON.stringify(document));
      if (kind === 'progress') await writeFile(layout.progressFile(String(document.learnerId)), JSON.stringify(document));
      if (kind === 'answer') await appendFile(layout.answersFile(String(document.learnerId)), `${JSON.stringify(document)}\n`);
      if (kind === 'identity') {
        const entry = { schemaVersion: RECORD_SCHEMA_VERSION, identityKey: String(document.identityKey), learnerId: String(document.learnerId) };
        await writeFile(layout.identityFile(entry.identityKey), JSON.stringify(entry));
      }
    },
  };
});

describe('FileStore on disk', () => {
  let dataDir: string;

  beforeEach(async () => {
    dataDir = await temporaryDataDir();
  });

  const stores: FileStore[] = [];
  const opened = async (opening: Promise<FileStore>) => {
    const store = await opening;
    stores.push(store);
    return store;
  };

  afterEach(async () => {
    for (const store of stores.splice(0)) await store.close().catch(() => undefined);
    await rm(dataDir, { recursive: true, force: true });
  });

  test('a new store on the same folder, as after a restart, sees learners, links, progress and answers', async () => {
    const before = await opened(FileStore.open(dataDir));
    const identity = webIdentity();
    const learner = await before.resolveLearner(identity, 'coop');
    const linked = { channel: 'msteams' as const, userId: 'aad-1', tenantId: 't-1' };
    await before.linkIdentity(learner.id, linked);
    const progress = progressRecord(learner.id, 1);
    await before.saveProgress(progress, null);
    const answer = answerRecord(learner.id, 'a1', '2026-01-05T10:00:00.000Z');
    await before.appendAnswer(answer);
    await before.close();

    const after = await opened(FileStore.open(dataDir));
    expect((await after.resolveLearner(identity, 'coop')).id).toBe(learner.id);
    expect((await after.resolveLearner(linked, 'coop')).id).toBe(learner.id);
    expect(await after.loadProgress(learner.id)).toEqual(progress);
    expect(await after.appendAnswer(answer)).toBe('duplicate');
    expect(await after.listAnswers(learner.id)).toEqual([answer]);
  });

  test('a torn temporary file left by a crash mid-write is ignored and cleared, and the previous progress stays', async () => {
    const store = await opened(FileStore.open(dataDir));
    const learner = await store.resolveLearner(webIdentity(), 'coop');
    const progress = progressRecord(learner.id, 1);
    await store.saveProgress(progress, null);
    const torn = join(dataDir, 'tmp', `.${learner.id}.json.${randomUUID()}.tmp`);
    await writeFile(torn, '{"schemaVersion":1,"learnerId":"');
    await store.close();

    const restarted = await opened(FileStore.open(dataDir));
    expect(await restarted.loadProgress(learner.id)).toEqual(progress);
    expect(await restarted.saveProgress(progressRecord(learner.id, 2), 1)).toBe('saved');
    expect(await readdir(join(dataDir, 'progress'))).toEqual([`${learner.id}.json`]);
    expect(await readdir(join(dataDir, 'tmp'))).toEqual([]);
  });

  test('a torn last answer line left by a crash is ignored, earlier answers stay, and the next answer is appended cleanly', async () => {
    const store = await opened(FileStore.open(dataDir));
    const learner = await store.resolveLearner(webIdentity(), 'coop');
    const first = answerRecord(learner.id, 'a1', '2026-01-05T10:00:01.000Z');
    const second = answerRecord(learner.id, 'a2', '2026-01-05T10:00:02.000Z');
    await store.appendAnswer(first);
    await store.appendAnswer(second);
    const file = new FileLayout(dataDir).answersFile(learner.id);
    await appendFile(file, '{"schemaVersion":1,"learnerId":"' + learner.id + '","activityId":"a3","mod');
    await store.close();

    const restarted = await opened(FileStore.open(dataDir));
    expect(await restarted.listAnswers(learner.id)).toEqual([first, second]);
    const third = answerRecord(learner.id, 'a3', '2026-01-05T10:00:03.000Z');
    expect(await restarted.appendAnswer(third)).toBe('recorded');
    expect(await restarted.listAnswers(learner.id)).toEqual([first, second, third]);

    const lines = (await readFile(file, 'utf8')).split('\n');
    expect(lines.pop()).toBe('');
    expect(lines.map((line) => (JSON.parse(line) as { activityId: string }).activityId)).toEqual(['a1', 'a2', 'a3']);
  });

  test('a corrupt document is refused with an error naming the file', async () => {
    const store = await opened(FileStore.open(dataDir));
    const learner = await store.resolveLearner(webIdentity(), 'coop');
    const file = new FileLayout(dataDir).progressFile(learner.id);
    await writeFile(file, '{"schemaVersion": 1, "learnerId": ');

    const loading = store.loadProgress(learner.id);
    await expect(loading).rejects.toBeInstanceOf(StoreUnavailableError);
    await expect(loading).rejects.toThrow(file);
  });

  test('a corrupt answer line in the middle of the file is refused naming the file and line', async () => {
    const store = await opened(FileStore.open(dataDir));
    const learner = await store.resolveLearner(webIdentity(), 'coop');
    const file = new FileLayout(dataDir).answersFile(learner.id);
    await writeFile(file, `${JSON.stringify(answerRecord(learner.id, 'a1', '2026-01-05T10:00:01.000Z'))}\nnot json\n`);

    await expect(store.listAnswers(learner.id)).rejects.toThrow(`${file} line 2`);
  });

  test('deleting a learner leaves no file that names or belongs to it', async () => {
    const store = await opened(FileStore.open(dataDir));
    const learner = await store.resolveLearner(webIdentity(), 'coop');
    await store.linkIdentity(learner.id, webIdentity());
    await store.saveProgress(progressRecord(learner.id, 1), null);
    await store.appendAnswer(answerRecord(learner.id, 'a1', '2026-01-05T10:00:01.000Z'));
    const bystander = await store.resolveLearner(webIdentity(), 'coop');

    await store.deleteLearner(learner.id);

    const remaining: string[] = [];
    for (const folder of ['learners', 'identities', 'progress', 'answers']) {
      for (const name of await readdir(join(dataDir, folder))) {
        remaining.push(name);
        expect(name).not.toContain(learner.id);
        expect(await readFile(join(dataDir, folder, name), 'utf8')).not.toContain(learner.id);
      }
    }
    expect(remaining).toHaveLength(2); // the bystander's learner file and identity entry
    expect((await store.getLearner(bystander.id))?.id).toBe(bystander.id);
  });

  test('a data folder that cannot be created fails with StoreUnavailableError', async () => {
    const blocker = join(dataDir, 'a-file');
    await writeFile(blocker, 'not a folder');
    await expect(FileStore.open(join(blocker, 'data'))).rejects.toBeInstanceOf(StoreUnavailableError);
  });

  test('health is not ok when the data folder has gone', async () => {
    const store = await opened(FileStore.open(join(dataDir, 'data')));
    await rm(join(dataDir, 'data'), { recursive: true });
    const health = await store.health();
    expect(health).toMatchObject({ ok: false, kind: 'file' });
    await expect(store.saveProgress(progressRecord(randomUUID(), 1), null)).rejects.toBeInstanceOf(StoreUnavailableError);
  });
});
