import { readFileSync } from 'node:fs';
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
void import('./serve.js').then((serve) => serve.serve());
