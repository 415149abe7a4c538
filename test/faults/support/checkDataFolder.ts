import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

/** Every file of a file store's data folder read back: JSON documents must parse; a torn last JSON Lines line is counted. */
export async function checkDataFolder(dataDir: string): Promise<{ files: number; corrupt: string[]; tornTails: number }> {
  const corrupt: string[] = [];
  let files = 0;
  let tornTails = 0;
  for (const entry of await readdir(dataDir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    const text = await readFile(path, 'utf8');
    files += 1;
    try {
      if (entry.name.endsWith('.json')) JSON.parse(text);
      if (entry.name.endsWith('.jsonl')) {
        const lines = text.split('\n');
        if (lines.pop() !== '') tornTails += 1;
        for (const line of lines) JSON.parse(line);
      }
    } catch {
      corrupt.push(path);
    }
  }
  return { files, corrupt, tornTails };
}
