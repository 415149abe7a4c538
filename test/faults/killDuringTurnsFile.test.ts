import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileStore } from '../../adapters/storage/file/fileStore';
import { checkDataFolder } from './support/checkDataFolder';
import { KILLS, killRepeatedly } from './support/killRepeatedly';

/** kill -9 of the bot mid-turn on the embedded file store: nothing acknowledged lost, and every file still reads. */
jest.setTimeout(600_000);

test(`kill -9 of the bot mid-turn on the file store, ×${KILLS}: no acknowledged answer lost, no corrupt file`, async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'fault-kill-'));
  try {
    await killRepeatedly('file store', { DATA_DIR: dataDir }, () => FileStore.open(dataDir));
    const folder = await checkDataFolder(dataDir);
    process.stdout.write(
      `  data folder: ${folder.files} files, ${folder.corrupt.length} corrupt, ${folder.tornTails} torn last lines (ignored by design)\n`,
    );
    expect(folder.corrupt).toEqual([]);
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
});
