// Lets a child process that a test starts run the project's TypeScript sources as they are, the way jest does (swc),
// without a build: `node --no-experimental-strip-types -r ./test/support/processes/registerTypeScript.cjs file.ts`.
// Compiled files are cached by content in the system's temporary folder, so repeated starts are quick.
const { createHash } = require('node:crypto');
const { mkdirSync, readFileSync, writeFileSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const Module = require('node:module');
const { transformSync } = require('@swc/core');

const cacheDir = join(tmpdir(), 'svc-ts-cache');
mkdirSync(cacheDir, { recursive: true });

Module._extensions['.ts'] = (module, filename) => {
  const source = readFileSync(filename, 'utf8');
  const key = createHash('sha256').update(filename).update('\0').update(source).digest('hex');
  const cached = join(cacheDir, `${key}.js`);
  let code;
  try {
    code = readFileSync(cached, 'utf8');
  } catch {
    code = transformSync(source, {
      filename,
      jsc: { target: 'es2023', parser: { syntax: 'typescript' } },
      module: { type: 'commonjs' },
      sourceMaps: 'inline',
    }).code;
    writeFileSync(`${cached}.${process.pid}`, code);
    require('node:fs').renameSync(`${cached}.${process.pid}`, cached);
  }
  module._compile(code, filename);
};
