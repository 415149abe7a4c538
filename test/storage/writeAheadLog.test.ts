import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { appendFile, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loggedChanges, WriteAheadLog } from '../../adapters/storage/file/writeAheadLog';

/**
 * The file store's write-ahead log: a change is durable in the log, readable at once, and reaches its file at a
 * checkpoint. After a kill -9 of a process that logged changes, opening the log applies what it acknowledged.
 */

/** Logs the changes in a process of its own, which is killed with SIGKILL once it has been told they are durable. */
async function logThenKill(dataDir: string, changes: [string, string | null][]): Promise<void> {
  const child = spawn(
    process.execPath,
    ['-r', join(__dirname, '..', 'support', 'registerTypeScript.js'), join(__dirname, 'support', 'walWriter.ts'), dataDir, JSON.stringify(changes)],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString();
    if (output.includes('acknowledged')) child.kill('SIGKILL');
  });
  const [code, signal] = (await once(child, 'exit')) as [number | null, string | null];
  expect({ code, signal, output }).toEqual({ code: null, signal: 'SIGKILL', output: 'acknowledged\n' });
}
describe('the write-ahead log', () => {
  let dataDir: string;
  const file = (name: string) => join(dataDir, 'docs', name);
  const logFiles = async () => (await readdir(join(dataDir, 'wal'))).sort();
  const logText = async () => (await Promise.all((await logFiles()).map((name) => readFile(join(dataDir, 'wal', name), 'utf8')))).join('');
  const exists = (path: string) =>
    readFile(path, 'utf8').then(
      () => true,
      () => false,
    );

  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'wal-'));
    await mkdir(join(dataDir, 'docs'));
  });
  afterEach(() => rm(dataDir, { recursive: true, force: true }));

  it('serves a change from memory until a checkpoint writes it to its file', async () => {
    const log = await WriteAheadLog.open(dataDir, { checkpointDelayMs: 60_000 });
    await log.write(file('a.json'), '{"n":1}');
    await log.write(file('a.json'), '{"n":2}');

    expect(log.read(file('a.json'))).toBe('{"n":2}');
    expect(await exists(file('a.json'))).toBe(false);

    await log.checkpoint();
    expect(await readFile(file('a.json'), 'utf8')).toBe('{"n":2}\n');
    expect(log.read(file('a.json'))).toBeUndefined();
    expect(await logText()).toBe('');
    await log.close();
  });

  it('checkpoints by itself after the delay', async () => {
    const log = await WriteAheadLog.open(dataDir, { checkpointDelayMs: 20 });
    await log.write(file('a.json'), '{"n":1}');
    for (let waited = 0; !(await exists(file('a.json'))) && waited < 5_000; waited += 20) await new Promise((r) => setTimeout(r, 20));

    expect(await readFile(file('a.json'), 'utf8')).toBe('{"n":1}\n');
    await log.close();
  });

  it('after a crash, applies the latest acknowledged change of every file and ignores a torn last line', async () => {
    await writeFile(file('removed.json'), '{"old":true}\n');
    const changes: [string, string | null][] = Array.from({ length: 50 }, (_, n) => [`docs/doc-${n % 5}.json`, `{"n":${n}}`]);
    await logThenKill(dataDir, [...changes, ['docs/doc-0.json', '{"n":"last"}'], ['docs/removed.json', null]]);
    expect(await exists(file('doc-0.json'))).toBe(false);
    const [active] = await logFiles();
    await appendFile(join(dataDir, 'wal', active!), '{"path":"docs/doc-1.json","json":{"n":"torn');

    const reopened = await WriteAheadLog.open(dataDir);

    expect(await readFile(file('doc-0.json'), 'utf8')).toBe('{"n":"last"}\n');
    const others = await Promise.all([1, 2, 3, 4].map(async (n) => JSON.parse(await readFile(file(`doc-${n}.json`), 'utf8')) as { n: number }));
    expect(others.map((doc) => doc.n)).toEqual([46, 47, 48, 49]);
    expect(await exists(file('removed.json'))).toBe(false);
    expect(reopened.read(file('doc-0.json'))).toBeUndefined();
    expect(await logFiles()).toHaveLength(1);
    expect(await logText()).toBe('');
    await reopened.close();
  });

  it('ignores a last batch a crash cut off, and refuses a damaged one with a saved batch after it', async () => {
    const source = await mkdtemp(join(tmpdir(), 'wal-source-'));
    const log = await WriteAheadLog.open(source, { checkpointDelayMs: 60_000 });
    for (const n of [1, 2, 3]) await log.write(join(source, 'docs', `${n}.json`), `{"n":${n}}`);
    const [active] = (await readdir(join(source, 'wal'))).filter((name) => name.endsWith('.jsonl'));
    const lines = (await readFile(join(source, 'wal', active!), 'utf8')).split('\n').slice(0, -1);
    await log.close();
    await rm(source, { recursive: true, force: true });
    expect(lines).toHaveLength(6);
    const reopenWith = async (logLines: string[]) => {
      await rm(dataDir, { recursive: true, force: true });
      await mkdir(join(dataDir, 'wal'), { recursive: true });
      await writeFile(join(dataDir, 'wal', '7.jsonl'), logLines.map((line) => `${line}\n`).join(''));
      return WriteAheadLog.open(dataDir);
    };
    const zeroed = (line: string) => '\u0000'.repeat(line.length);

    // The last batch's line lost (its pages not written), its mark written: never acknowledged, so ignored.
    const afterCrash = await reopenWith([...lines.slice(0, 4), zeroed(lines[4]!), lines[5]!]);
    expect(await readFile(file('1.json'), 'utf8')).toBe('{"n":1}\n');
    expect(await readFile(file('2.json'), 'utf8')).toBe('{"n":2}\n');
    expect(await exists(file('3.json'))).toBe(false);
    await afterCrash.close();

    // The first batch changed, with whole batches after it: damage in what was acknowledged.
    await expect(reopenWith([lines[0]!.replace('"n":1', '"n":7'), ...lines.slice(1)])).rejects.toThrow(
      `the write-ahead log ${join(dataDir, 'wal', '7.jsonl')} is damaged at line 1, with saved changes after it`,
    );
    await expect(reopenWith([zeroed(lines[0]!), ...lines.slice(1)])).rejects.toThrow('is damaged at line 1');
    expect(await exists(file('2.json'))).toBe(false);
  });

  it('applies a log from the release before batch marks, up to its first line that does not parse', async () => {
    await mkdir(join(dataDir, 'wal'), { recursive: true });
    await writeFile(
      join(dataDir, 'wal', '3.jsonl'),
      '{"path":"docs/a.json","json":{"n":1}}\n{"path":"docs/b.json","removed":true}\n{"path":"docs/c.js\n{"path":"docs/d.json","json":{}}\n',
    );
    await writeFile(file('b.json'), '{}\n');

    await (await WriteAheadLog.open(dataDir)).close();

    expect(await readFile(file('a.json'), 'utf8')).toBe('{"n":1}\n');
    expect(await exists(file('b.json'))).toBe(false);
    expect(await exists(file('d.json'))).toBe(false);
  });

  it('keeps a change logged after a checkpoint began for the next one', async () => {
    const log = await WriteAheadLog.open(dataDir, { checkpointDelayMs: 60_000 });
    await log.write(file('a.json'), '{"n":1}');
    const checkpoint = log.checkpoint();
    const later = log.write(file('a.json'), '{"n":2}');
    await Promise.all([checkpoint, later]);

    expect(log.read(file('a.json')) ?? (await readFile(file('a.json'), 'utf8')).trim()).toBe('{"n":2}');
    await log.close();
    expect(await readFile(file('a.json'), 'utf8')).toBe('{"n":2}\n');
  });

  it('leaves nothing of a removed document in the log once checkpointed', async () => {
    const log = await WriteAheadLog.open(dataDir, { checkpointDelayMs: 60_000 });
    await log.write(file('learner.json'), '{"name":"Amina Secretsdottir"}');
    await log.remove(file('learner.json'));
    expect(log.read(file('learner.json'))).toBeNull();
    expect(await logText()).toContain('Secretsdottir');

    await log.checkpoint();

    expect(await logText()).not.toContain('Secretsdottir');
    expect(await exists(file('learner.json'))).toBe(false);
    await log.close();
  });

  it('keeps a change it cannot write to its file, says why, and writes it once it can', async () => {
    const log = await WriteAheadLog.open(dataDir, { checkpointDelayMs: 60_000 });
    await writeFile(join(dataDir, 'docs', 'blocker'), 'a file where a folder should be');
    await log.write(file('blocker/a.json'), '{"n":1}');

    await expect(log.checkpoint()).rejects.toThrow();
    expect(log.problem).toMatch(/changes could not be written to their files/);
    expect(log.read(file('blocker/a.json'))).toBe('{"n":1}');

    await rm(join(dataDir, 'docs', 'blocker'));
    await log.checkpoint();
    expect(log.problem).toBeUndefined();
    expect(await readFile(file('blocker/a.json'), 'utf8')).toBe('{"n":1}\n');
    await log.close();
  });

  it('writes the changes it can when one cannot be written, and keeps only that one waiting', async () => {
    const log = await WriteAheadLog.open(dataDir, { checkpointDelayMs: 60_000 });
    await writeFile(join(dataDir, 'docs', 'blocker'), 'a file where a folder should be');
    await Promise.all([log.write(file('blocker/a.json'), '{"n":1}'), ...[1, 2, 3].map((n) => log.write(file(`b${n}.json`), `{"n":${n}}`))]);

    await expect(log.checkpoint()).rejects.toThrow(`1 of 4 could not be written; ${file('blocker/a.json')}`);

    expect(await Promise.all([1, 2, 3].map((n) => readFile(file(`b${n}.json`), 'utf8')))).toEqual(['{"n":1}\n', '{"n":2}\n', '{"n":3}\n']);
    expect(log.pendingIn(join(dataDir, 'docs'))).toEqual(new Map());
    expect(log.read(file('blocker/a.json'))).toBe('{"n":1}');
    expect((await loggedChanges(dataDir)).get(file('blocker/a.json'))).toBe('{"n":1}');
    await rm(join(dataDir, 'docs', 'blocker'));
    await log.close();
    expect(await readFile(file('blocker/a.json'), 'utf8')).toBe('{"n":1}\n');
  });

  it('refuses paths outside the data folder, multi-line documents and writes after close', async () => {
    const log = await WriteAheadLog.open(dataDir);
    await expect(log.write(join(dataDir, '..', 'elsewhere.json'), '{}')).rejects.toThrow('outside the data folder');
    await expect(log.write(file('a.json'), '{\n}')).rejects.toThrow('one line of JSON');
    await log.close();
    await expect(log.write(file('a.json'), '{}')).rejects.toThrow('closed');
  });

  it('refuses to open a log that names a file outside the data folder, and applies nothing of it', async () => {
    await mkdir(join(dataDir, 'wal'));
    await writeFile(join(dataDir, 'wal', '1.jsonl'), '{"path":"docs/a.json","json":{}}\n{"path":"../escape.json","json":{}}\n');

    await expect(WriteAheadLog.open(dataDir)).rejects.toThrow('outside the data folder');
    expect(await exists(file('a.json'))).toBe(false);
  });
});
