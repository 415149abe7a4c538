// Prints jest's totals as one plain line, "N passed, N failed", after every run, and keeps it in
// .tmp/jest-totals.txt so CI can repeat it as its last line.
const { mkdirSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

class TotalsReporter {
  constructor(globalConfig) {
    this.rootDir = globalConfig.rootDir;
  }

  onRunComplete(_contexts, results) {
    // A suite that fails to load (syntax error, failing beforeAll) counts as a failure too.
    const failed = results.numFailedTests + results.numRuntimeErrorTestSuites;
    const line = `${results.numPassedTests} passed, ${failed} failed${results.numPendingTests ? `, ${results.numPendingTests} skipped` : ''}`;
    const dir = join(this.rootDir, '.tmp');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'jest-totals.txt'), `${line}\n`);
    process.stdout.write(`\n${line}\n`);
  }
}

module.exports = TotalsReporter;
