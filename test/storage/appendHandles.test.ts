import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppendHandles } from '../../adapters/storage/file/appendHandles';

describe('files kept open for appending', () => {
  let folder: string;
  beforeEach(async () => {
    folder = await mkdtemp(join(tmpdir(), 'append-handles-'));
  });
  afterEach(() => rm(folder, { recursive: true, force: true }));

  it('with room for one open file, appends to three files at once keep every line, in order', async () => {
    const handles = new AppendHandles(1);
    const files = ['a', 'b', 'c'].map((name) => join(folder, `${name}.jsonl`));
    // Each file's appends in order (as its owner serialises them), the three files side by side.
    await Promise.all(
      files.map(async (file) => {
        for (let n = 0; n < 50; n++) await handles.append(file, `${n}\n`);
      }),
    );
    await handles.closeAll();

    const expected = Array.from({ length: 50 }, (_, n) => `${n}\n`).join('');
    for (const file of files) expect(await readFile(file, 'utf8')).toBe(expected);
  });
});
