import { join } from 'node:path';
import { WriteAheadLog } from '../../../adapters/storage/file/writeAheadLog';

/**
 * Run as a child process by the write-ahead log's test: logs the changes it is given (argv: data folder, then JSON of
 * [file, content or null] pairs), prints "acknowledged" and waits to be killed, never checkpointing.
 */
async function main(): Promise<void> {
  const [dataDir, changesJson] = process.argv.slice(-2) as [string, string];
  const log = await WriteAheadLog.open(dataDir, { checkpointDelayMs: 3_600_000 });
  const changes = JSON.parse(changesJson) as [string, string | null][];
  await Promise.all(changes.map(([file, json]) => (json === null ? log.remove(join(dataDir, file)) : log.write(join(dataDir, file), json))));
  process.stdout.write('acknowledged\n');
  setInterval(() => undefined, 60_000);
}

void main();
