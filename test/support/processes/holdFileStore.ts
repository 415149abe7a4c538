// Opens the file store on the folder given as the first argument and holds it until killed: prints "open", or
// "in use" and the refusal when another process holds the folder.
import { FileStore } from '../../../adapters/storage/file/fileStore';
import { StoreInUseError } from '../../../bot/ports/store';

FileStore.open(process.argv[2]!).then(
  () => {
    process.stdout.write('open\n');
    setInterval(() => undefined, 60_000);
  },
  (error: unknown) => {
    process.stdout.write(error instanceof StoreInUseError ? `in use\n${error.message}\n` : `failed\n${String(error)}\n`);
    process.exit(error instanceof StoreInUseError ? 3 : 1);
  },
);
