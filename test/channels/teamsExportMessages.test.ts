import { chunkLines, teamsExportMessages } from '../../adapters/channels/teamsExportMessages';
import { activityBytes } from './teamsActivities';

/** The JSON inside each code block, in order. */
function blocks(json: string): string[] {
  return teamsExportMessages(json).map((m) => /^(?:\(\d+\/\d+\)\n)?```json\n([\s\S]*)\n```$/.exec(m.text ?? '')![1]!);
}

function bigExport(): string {
  const answers = Array.from({ length: 400 }, (_, i) => ({
    stepId: `step-${i}`,
    answer: `Svar ${i}: vi vill att fler får jobb i Jönköping – ”${'å'.repeat(i % 50)}” med \`kod\` och "citat"`,
  }));
  return JSON.stringify({ learner: { firstName: 'Åsa' }, answers }, null, 2);
}

describe('Teams data export messages', () => {
  it('splits a large export into numbered parts, each well under Teams’ message limit', () => {
    const json = bigExport();
    const messages = teamsExportMessages(json);
    expect(messages.length).toBeGreaterThan(2);
    messages.forEach((m, i) => {
      expect(m.text!.startsWith(`(${i + 1}/${messages.length})\n\`\`\`json\n`)).toBe(true);
      expect(m.text!.length).toBeLessThanOrEqual(20_100);
      expect(activityBytes(m)).toBeLessThan(28 * 1024);
    });
  });

  it('splits only between lines, so the parts joined by newlines are the same JSON', () => {
    const json = bigExport();
    expect(JSON.parse(blocks(json).join('\n'))).toEqual(JSON.parse(json));
  });

  it('writes backticks as \\u0060 so an answer cannot close the code block', () => {
    const json = JSON.stringify({ answer: 'use ```code``` here' });
    const [block] = blocks(json);
    expect(block).not.toContain('`');
    expect(JSON.parse(block!)).toEqual({ answer: 'use ```code``` here' });
  });

  it('cuts a single line longer than a part without splitting a character', () => {
    const line = `"${'ö😀'.repeat(6000)}"`;
    const parts = chunkLines(line, 1000);
    expect(parts.length).toBeGreaterThan(1);
    expect(parts.join('')).toBe(line);
    for (const part of parts) {
      expect(Buffer.byteLength(JSON.stringify(part), 'utf8') - 2).toBeLessThanOrEqual(1000);
      expect(part).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
    }
  });
});
