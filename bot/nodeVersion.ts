/**
 * Whether this Node.js can run the bot, checked before anything else loads: npm only warns about `engines`, and
 * on an older Node the bot would fail later with an error that names neither Node nor the version it needs.
 */
export function nodeVersionProblem(running: string, engines: string): string | null {
  const minimum = /^>=\s*(\d+)\.(\d+)(?:\.(\d+))?$/.exec(engines.trim());
  if (!minimum) throw new Error(`package.json engines.node must read ">=MAJOR.MINOR", it is "${engines}"`);
  const need = minimum.slice(1).map((part) => Number(part ?? 0));
  const have = running.split('.').map(Number);
  for (let i = 0; i < 3; i += 1) {
    if ((have[i] ?? 0) > need[i]!) return null;
    if ((have[i] ?? 0) < need[i]!) {
      return `This bot needs Node.js ${need[0]}.${need[1]} or newer (the LTS lines 22 and 24 are tested); this is Node.js ${running}.`;
    }
  }
  return null;
}
