import { readFileSync } from 'node:fs';
import { enableCompileCache } from 'node:module';
import { join } from 'node:path';
import { nodeVersionProblem } from './nodeVersion';
import { packageDir } from './packageDir';

/**
 * `npm start`. Only Node's own modules are loaded before the version check; the bot itself is loaded after it,
 * so an unsupported Node gets one clear line instead of a failure deep inside a dependency.
 */
const { engines } = JSON.parse(readFileSync(join(packageDir(__dirname), 'package.json'), 'utf8')) as { engines: { node: string } };
const problem = nodeVersionProblem(process.versions.node, engines.node);
if (problem) {
  process.stderr.write(`${problem}\n`);
  process.exit(1);
}
// Every file-store write waits for an fsync on one of libuv's threads; its default 4 threads would queue concurrent
// turns' fsyncs (which the file system commits together) behind one another. Set before the first asynchronous file
// operation, which sizes the pool; an operator's own setting wins.
process.env.UV_THREADPOOL_SIZE ??= '32';
// V8's compiled code for the bot's modules, kept on disk (in the temporary folder unless NODE_COMPILE_CACHE names
// another): about an eighth of the start-up. It never throws; a folder it cannot write just means no cache.
enableCompileCache();
void import('./serve.js').then((serve) => serve.serve());
