import { curriculumStats, formatCurriculumStats } from '../../scripts/curriculumStats';
import type { Curriculum } from '../../curriculum/schema';

/** 400 Swedish words: two minutes at 200 words per minute. */
const fourHundredSwedishWords = Array.from({ length: 100 }, () => 'en kort svensk mening').join(' ');

const tiny: Curriculum = {
  artefacts: [],
  modules: [
    {
      id: 'tiny',
      order: 1,
      title: { sv: 'Liten modul', en: 'Tiny module' },
      description: { sv: 'Kort.', en: 'Short.' },
      lessons: [
        {
          id: 'only',
          title: { sv: 'Lektion', en: 'Lesson' },
          sources: [{ title: { sv: 'Ignoreras helt här', en: 'Not counted at all' }, url: 'https://example.org/' }],
          steps: [
            { id: 'long', kind: 'teach', text: { sv: fourHundredSwedishWords, en: 'Three English words' } },
            {
              id: 'ask',
              kind: 'question',
              prompt: { sv: 'Vad gör du?', en: 'What do you do?' },
              rubric: [
                {
                  keywords: { sv: ['gör'], en: ['do'] },
                  met: { sv: 'Inte räknad', en: 'Not counted' },
                  missing: { sv: 'Inte räknad', en: 'Not counted' },
                },
              ],
            },
            {
              id: 'check',
              kind: 'quiz',
              prompt: { sv: 'Rätt – eller fel?', en: 'Right – or wrong?' },
              options: [
                { id: 'right', text: { sv: 'Rätt', en: 'Right' }, correct: true },
                { id: 'wrong', text: { sv: 'Fel', en: 'Wrong' } },
              ],
              explanation: { correct: { sv: 'Bra.', en: 'Good.' }, incorrect: { sv: 'Inte räknad alls.', en: 'Never counted here.' } },
            },
            { id: 'summary', kind: 'summary', text: { sv: 'Klart.', en: 'Done.' } },
          ],
        },
      ],
    },
  ],
};

describe('curriculumStats', () => {
  test('When given a module, Then it counts lessons, steps by kind and the words a learner reads in each language', () => {
    const [stats] = curriculumStats(tiny);

    expect(stats).toEqual({
      id: 'tiny',
      lessons: 1,
      steps: 4,
      stepsByKind: { teach: 1, example: 0, question: 1, choice: 0, scale: 0, quiz: 1, sdg: 0, number: 0, calculation: 0, summary: 1 },
      // Swedish: title 2 + description 1 + lesson title 1 + teach 400 + prompt 3 + quiz prompt 3 ("–" is no word) + options 2 + explanation 1 + summary 1
      words: { sv: 414, en: 18 },
      readingMinutes: 2.1,
    });
  });

  test('When the stats are formatted, Then each module has a row and a total row follows', () => {
    const lines = formatCurriculumStats(curriculumStats({ ...tiny, modules: [tiny.modules[0]!, { ...tiny.modules[0]!, id: 'tiny-too' }] })).split(
      '\n',
    );

    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatch(
      /^module\s+lessons\s+steps\s+teach\s+example\s+question\s+choice\s+scale\s+quiz\s+sdg\s+number\s+calculation\s+summary\s+words sv\s+words en\s+min \(sv\)$/,
    );
    expect(lines[1]).toMatch(/^tiny\s+1\s+4\s+1\s+0\s+1\s+0\s+0\s+1\s+0\s+0\s+0\s+1\s+414\s+18\s+2\.1$/);
    expect(lines[3]).toMatch(/^total\s+2\s+8\s+2\s+0\s+2\s+0\s+0\s+2\s+0\s+0\s+0\s+2\s+828\s+36\s+4\.2$/);
  });

  test('When a lesson has number and calculation steps, Then their prompts, texts and line labels count as read', () => {
    const lesson = tiny.modules[0]!.lessons[0]!;
    const withNumbers: Curriculum = {
      artefacts: [],
      modules: [
        {
          ...tiny.modules[0]!,
          lessons: [
            {
              ...lesson,
              steps: [
                { id: 'sales', kind: 'number', prompt: { sv: 'Hur mycket säljer ni?', en: 'How much do you sell?' }, unit: 'sek-per-month' },
                {
                  id: 'sum',
                  kind: 'calculation',
                  text: { sv: 'Så här:', en: 'Like this:' },
                  lines: [
                    {
                      id: 'year',
                      label: { sv: 'Per år', en: 'Per year' },
                      unit: 'sek',
                      formula: { op: 'multiply', of: [{ ref: 'sales' }, { value: 12 }] },
                    },
                  ],
                },
                lesson.steps.at(-1)!,
              ],
            },
          ],
        },
      ],
    };
    const [stats] = curriculumStats(withNumbers);

    expect(stats?.stepsByKind).toMatchObject({ number: 1, calculation: 1, summary: 1 });
    // Swedish: title 2 + description 1 + lesson title 1 + prompt 4 + text 2 + label 2 + summary 1
    expect(stats?.words.sv).toBe(13);
  });
});
