// Lets a plain `node` process load the project's TypeScript sources (`node -r ./test/support/registerTypeScript.js`),
// compiled on the fly by SWC as jest compiles them, so a test can run the real bot as a child process without a build.
const { readFileSync } = require('node:fs');
const { transformSync } = require('@swc/core');

require.extensions['.ts'] = (module, filename) => {
  const { code } = transformSync(readFileSync(filename, 'utf8'), {
    filename,
    sourceMaps: 'inline',
    jsc: { target: 'es2023', parser: { syntax: 'typescript' } },
    module: { type: 'commonjs' },
  });
  module._compile(code, filename);
};
