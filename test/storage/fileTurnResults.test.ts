import { appendFile, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileTurnResults } from '../../adapters/storage/file/fileTurnResults';
import type { DeliveryKey } from '../../bot/ports/turnResults';

/** What the file store's answered deliveries keep on disk: one appended file per conversation, read back after a restart. */
describe('the file store’s answered deliveries', () => {
  let folder: string;
  const key = (activityId: string, conversationId = 'conversation-1'): DeliveryKey => ({ channel: 'msteams', conversationId, activityId });
  const answer = async (results: FileTurnResults, delivery: DeliveryKey, result: unknown) => {
    const claim = await results.claim(delivery, 60_000);
    if (claim.state !== 'claimed') throw new Error(`expected a claim, got ${claim.state}`);
    await results.complete(delivery, claim.claimId, result);
  };

  const opened: FileTurnResults[] = [];
  const made = (...args: ConstructorParameters<typeof FileTurnResults>) => {
    const results = new FileTurnResults(...args);
    opened.push(results);
    return results;
  };

  beforeEach(async () => {
    folder = join(await mkdtemp(join(tmpdir(), 'turn-results-')), 'turn-results');
  });
  afterEach(async () => {
    for (const results of opened.splice(0)) await results.close();
    await rm(join(folder, '..'), { recursive: true, force: true });
  });

  it('appends every answer of a conversation to one file, which a restarted process reads back', async () => {
    const before = made(folder);
    for (const n of [1, 2, 3]) await answer(before, key(`a${n}`), { replies: [`reply ${n}`] });
    await answer(before, key('b1', 'conversation-2'), { replies: ['other'] });

    const files = await readdir(folder);
    expect(files).toHaveLength(2);
    expect(files.every((file) => file.endsWith('.jsonl'))).toBe(true);

    const after = made(folder);
    expect(await after.claim(key('a2'), 60_000)).toEqual({ state: 'answered', result: { replies: ['reply 2'] } });
    expect((await after.claim(key('a4'), 60_000)).state).toBe('claimed');
  });

  it('ignores a line torn by a crash and keeps the answers before it', async () => {
    await answer(made(folder), key('a1'), 'first');
    const [file] = await readdir(folder);
    await appendFile(join(folder, file!), '{"delivery":"torn');

    const after = made(folder);
    expect(await after.claim(key('a1'), 60_000)).toEqual({ state: 'answered', result: 'first' });
    await answer(after, key('a2'), 'second');
    expect(await made(folder).claim(key('a2'), 60_000)).toEqual({ state: 'answered', result: 'second' });
  });

  it('sweeps expired answers hourly: a conversation answered last before the retention goes, others lose only expired lines', async () => {
    let now = Date.parse('2026-12-01T08:00:00Z');
    const results = made(folder, { retentionMs: 2 * 60 * 60 * 1000, now: () => now });
    await answer(results, key('old'), 'old');
    now += 3 * 60 * 60 * 1000;
    await answer(results, key('new'), 'new');
    await mkdir(join(folder, 'a'.repeat(64)));
    await writeFile(join(folder, 'a'.repeat(64), 'b.json'), '{"expiresAt":"x","result":"an earlier release’s layout"}');

    now += 60 * 60 * 1000 + 1;
    await results.claim(key('trigger', 'conversation-3'), 60_000);
    for (let waited = 0; (await readdir(folder)).length > 1 && waited < 5_000; waited += 20) await new Promise((r) => setTimeout(r, 20));

    const [file] = await readdir(folder);
    expect(await readdir(folder)).toEqual([file]);
    const lines = (await readFile(join(folder, file!), 'utf8')).trim().split('\n');
    expect(lines.map((line) => (JSON.parse(line) as { result: string }).result)).toEqual(['"new"']);
  });
});
