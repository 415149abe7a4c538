import { readFileSync } from 'node:fs';
import { join } from 'node:path';

function findPackageJson(directory: string): string {
  for (let current = directory; ; current = join(current, '..')) {
    const candidate = join(current, 'package.json');
    try {
      return readFileSync(candidate, 'utf8');
    } catch {
      if (join(current, '..') === current) throw new Error('package.json not found');
    }
  }
}

/** The release version from package.json (the same whether running from source or from dist/). */
export const version: string = (JSON.parse(findPackageJson(__dirname)) as { version: string }).version;
