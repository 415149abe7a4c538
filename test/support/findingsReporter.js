// Prints the figures tests recorded with recordFinding (test/support/findings.ts) under each test file's name, once
// the file has run: a compact account of what was tried and what held, which jest's own output does not carry.
const { readFileSync, rmSync } = require('node:fs');
const { basename, join } = require('node:path');

class FindingsReporter {
  constructor(globalConfig) {
    this.dir = join(globalConfig.rootDir, '.tmp', 'findings');
  }

  onRunStart() {
    rmSync(this.dir, { recursive: true, force: true });
  }

  onTestResult(test) {
    let lines;
    try {
      lines = readFileSync(join(this.dir, `${basename(test.path)}.txt`), 'utf8')
        .trim()
        .split('\n');
    } catch {
      return;
    }
    process.stdout.write(`\n${basename(test.path)}:\n${lines.map((line) => `  ${line}`).join('\n')}\n`);
  }
}

module.exports = FindingsReporter;
