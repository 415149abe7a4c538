import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The nearest folder at or above `start` holding a package.json (of the package `name`, when given). The one walk
 * the project does: it finds its own root the same way from the sources and from dist/.
 */
export function packageDir(start: string, name?: string): string {
  for (let directory = start; ; directory = dirname(directory)) {
    const file = join(directory, 'package.json');
    if (existsSync(file) && (name === undefined || (JSON.parse(readFileSync(file, 'utf8')) as { name?: unknown }).name === name)) return directory;
    if (dirname(directory) === directory) throw new Error(`no package.json${name ? ` of ${name}` : ''} above ${start}`);
  }
}
