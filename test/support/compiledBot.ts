import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { transformSync } from '@swc/core';

const root = join(__dirname, '..', '..');
const SOURCE_FOLDERS = ['bot', 'adapters', 'dialogs', 'curriculum'];
/** What the bot reads at run time beside its code, linked into the build. */
const ASSETS = ['curriculum/content', 'organisations', 'adapters/webchat/browser', 'adapters/teams/icons'];

function sourceFiles(folder: string): string[] {
  return readdirSync(join(root, folder), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts'))
    .map((entry) => relative(root, join(entry.parentPath, entry.name)))
    .sort();
}

/**
 * The bot compiled from the current sources, for tests that run it as its own process (`node <dir>/bot/main.js`, as
 * `npm start` runs dist/): TypeScript turned into CommonJS with swc (as jest does), the content and browser files
 * linked beside it. Kept under node_modules/.cache by a hash of the sources, so test files share one build and a
 * changed source is never run stale.
 */
export function compiledBot(): string {
  const files = SOURCE_FOLDERS.flatMap(sourceFiles);
  const hash = createHash('sha256');
  for (const file of [...files, 'package.json']) hash.update(file).update(readFileSync(join(root, file)));
  const cache = join(root, 'node_modules', '.cache', 'svc-test-bot');
  const target = join(cache, hash.digest('hex').slice(0, 16));
  if (existsSync(join(target, 'bot', 'main.js'))) return target;

  const building = `${target}.${process.pid}.tmp`;
  rmSync(building, { recursive: true, force: true });
  for (const file of files) {
    const { code } = transformSync(readFileSync(join(root, file), 'utf8'), {
      filename: file,
      jsc: { target: 'es2023', parser: { syntax: 'typescript' } },
      module: { type: 'commonjs' },
    });
    const out = join(building, file.replace(/\.ts$/, '.js'));
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, code);
  }
  for (const asset of ASSETS) {
    mkdirSync(dirname(join(building, asset)), { recursive: true });
    symlinkSync(join(root, asset), join(building, asset));
  }
  cpSync(join(root, 'package.json'), join(building, 'package.json'));
  try {
    renameSync(building, target);
  } catch (error) {
    // Another test file built the same sources at the same time: use its build.
    rmSync(building, { recursive: true, force: true });
    if (!statSync(join(target, 'bot', 'main.js'), { throwIfNoEntry: false })) throw error;
  }
  return target;
}
