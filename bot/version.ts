import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageDir } from './packageDir';

/** The release version from package.json (the same whether running from source or from dist/). */
export const version: string = (JSON.parse(readFileSync(join(packageDir(__dirname), 'package.json'), 'utf8')) as { version: string }).version;
