import { join, resolve } from 'node:path';
import { formulaProblems } from '../../curriculum/formulaReferences';
import { builtInContentDir, formatContentError, loadCurriculum, loadCurriculumOrThrow, type ContentError } from '../../curriculum/loadCurriculum';

const fixtures = join(__dirname, '..', 'fixtures', 'content');

/** Each fixture holds exactly one mistake; the loader must name its file, where it is and what is wrong. */
const brokenContent = [
  {
    problem: 'a text without English',
    fixture: 'broken-missing-english',
    file: 'modules/01-missing-english.yaml',
    path: 'lessons[0].steps[1].text.en',
    message: /expected string, received undefined/,
  },
  {
    problem: 'a quiz with two correct options',
    fixture: 'broken-two-correct',
    file: 'modules/01-two-correct.yaml',
    path: 'lessons[0].steps[2].options',
    message: /^a quiz needs exactly one correct option, found 2$/,
  },
  {
    problem: 'a message over 600 characters',
    fixture: 'broken-too-long',
    file: 'modules/01-too-long.yaml',
    path: 'lessons[0].steps[1].text.en',
    message: /^must be at most 600 characters$/,
  },
  {
    problem: 'a question writing into an unknown artefact field',
    fixture: 'broken-unknown-field',
    file: 'modules/01-unknown-field.yaml',
    path: 'lessons[0].steps[1].artefactField',
    message: /^artefact "tiny-plan" has no field "budget"$/,
  },
  {
    problem: 'two steps with the same id',
    fixture: 'broken-duplicate-ids',
    file: 'modules/01-duplicate-ids.yaml',
    path: 'lessons[0].steps[1].id',
    message: /^duplicate id "intro"$/,
  },
  {
    problem: 'a YAML syntax error',
    fixture: 'broken-yaml-syntax',
    file: 'modules/01-yaml-syntax.yaml',
    path: '',
    message: /^YAML: .+ at line 15, column \d+/,
  },
  {
    problem: 'a formula that uses a teaching step as a number',
    fixture: 'broken-formula-not-number',
    file: 'modules/01-formula-not-number.yaml',
    path: 'lessons[1].steps[1].lines[0].formula.of[0].ref',
    message: /^"first-lesson\/intro" is a teach step; a formula can only use number steps$/,
  },
  {
    problem: 'a formula that uses a number asked after the calculation',
    fixture: 'broken-formula-later-step',
    file: 'modules/01-formula-later-step.yaml',
    path: 'lessons[0].steps[1].lines[0].formula.of[1].ref',
    message: /^"variable-cost" is asked after this calculation; a formula can only use numbers asked before it$/,
  },
  {
    problem: 'a calculated line that uses a later line',
    fixture: 'broken-formula-later-line',
    file: 'modules/01-formula-later-line.yaml',
    path: 'lessons[0].steps[2].lines[0].formula.of[0].of[0].line',
    message: /^line "contribution-per-unit" comes later in this calculation; a line can only use earlier lines$/,
  },
  {
    problem: 'a number step whose minimum is above its maximum',
    fixture: 'broken-number-range',
    file: 'modules/01-number-range.yaml',
    path: 'lessons[0].steps[1].min',
    message: /^min must not be above max$/,
  },
  {
    problem: 'a calculated line writing into an unknown artefact field',
    fixture: 'broken-line-unknown-field',
    file: 'modules/01-line-unknown-field.yaml',
    path: 'lessons[0].steps[1].lines[0].artefactField',
    message: /^artefact "tiny-budget" has no field "yearly-sales"$/,
  },
  {
    problem: 'an unknown key',
    fixture: 'broken-unknown-key',
    file: 'modules/01-unknown-key.yaml',
    path: 'lessons[0].steps[0]',
    message: /^Unrecognized key: "hint"$/,
  },
];

function errorsOf(directories: string[]): ContentError[] {
  const result = loadCurriculum(directories);
  if (result.ok) throw new Error(`expected ${directories.join(', ')} to fail loading, but it loaded`);
  return result.errors.map((error) => ({ ...error, file: resolve(error.file) }));
}

describe('broken content', () => {
  test.each(brokenContent)('When content has $problem, Then loading fails naming the file, the path and the problem', (broken) => {
    const directory = join(fixtures, broken.fixture);

    expect(errorsOf([directory])).toEqual([
      { file: resolve(directory, broken.file), path: broken.path, message: expect.stringMatching(broken.message) },
    ]);
  });

  test('When a folder has no modules/ and no artefacts.yaml, Then loading fails saying that nothing was loaded from it', () => {
    const directory = join(fixtures, 'no-modules-folder');

    expect(errorsOf([builtInContentDir(), directory])).toEqual([
      {
        file: resolve(directory),
        path: '',
        message: expect.stringMatching(/^nothing was loaded from this folder: it has no modules\/\*\.yaml and no artefacts\.yaml/),
      },
    ]);
  });

  test('When formulas name steps and lines that do not exist, Then each is reported with its place in the formula', () => {
    const module = loadCurriculumOrThrow([join(fixtures, 'local-module')]).modules[0]!;
    const lesson = module.lessons[0]!;
    const calculation = {
      id: 'sums',
      kind: 'calculation' as const,
      text: { sv: 'Summor:', en: 'Sums:' },
      lines: [
        {
          id: 'total',
          label: { sv: 'Totalt', en: 'Total' },
          unit: 'sek' as const,
          formula: { op: 'sum' as const, of: [{ ref: 'no-such-lesson/amount' }, { ref: 'no-such-step' }, { line: 'no-such-line' }] },
        },
      ],
    };
    const broken = { ...module, lessons: [{ ...lesson, steps: [calculation, ...lesson.steps] }] };

    expect(formulaProblems(broken)).toEqual([
      { path: 'lessons[0].steps[0].lines[0].formula.of[0].ref', message: '"no-such-lesson/amount": this module has no lesson "no-such-lesson"' },
      { path: 'lessons[0].steps[0].lines[0].formula.of[1].ref', message: `"no-such-step": lesson "${lesson.id}" has no step "no-such-step"` },
      { path: 'lessons[0].steps[0].lines[0].formula.of[2].line', message: 'this calculation has no earlier line "no-such-line"' },
    ]);
  });

  test('When an error is formatted, Then it reads as file, path and problem on one line', () => {
    const result = loadCurriculum([join(fixtures, 'broken-two-correct')]);
    if (result.ok) throw new Error('expected the fixture to fail loading');

    expect(result.errors.map(formatContentError)).toEqual([
      expect.stringMatching(/01-two-correct\.yaml: lessons\[0\]\.steps\[2\]\.options: a quiz needs exactly one correct option, found 2$/),
    ]);
  });

  test('When a broken folder comes after good content, Then the error still names the broken file', () => {
    const directory = join(fixtures, 'broken-duplicate-ids');

    expect(errorsOf([builtInContentDir(), directory])).toContainEqual({
      file: resolve(directory, 'modules/01-duplicate-ids.yaml'),
      path: 'lessons[0].steps[1].id',
      message: 'duplicate id "intro"',
    });
  });
});

describe('local content folders', () => {
  const builtIn = loadCurriculum([builtInContentDir()]);
  const builtInIds = builtIn.ok ? builtIn.curriculum.modules.map((m) => m.id) : [];

  test('The built-in content loads on its own (the other tests here build on it)', () => {
    expect(builtIn.ok ? [] : builtIn.errors.map(formatContentError)).toEqual([]);
  });

  test('When a folder with a regional module follows the built-in content, Then the module is added after the built-in ones', () => {
    const result = loadCurriculum([builtInContentDir(), join(fixtures, 'local-module')]);
    if (!result.ok) throw new Error(result.errors.map(formatContentError).join('\n'));

    expect(result.curriculum.modules.map((m) => m.id)).toEqual([...builtInIds, 'local-funding']);
    expect(result.curriculum.modules.at(-1)?.title.sv).toBe('Finansiering i vår region');
  });

  test('When a folder has a module with the id of a built-in one, Then it replaces the built-in module in the same place', () => {
    const result = loadCurriculum([builtInContentDir(), join(fixtures, 'local-override')]);
    if (!result.ok) throw new Error(result.errors.map(formatContentError).join('\n'));

    const replaced = result.curriculum.modules.filter((m) => m.id === 'challenge-to-idea');
    expect(result.curriculum.modules.map((m) => m.id)).toEqual(builtInIds);
    expect(replaced).toHaveLength(1);
    expect(replaced[0]?.title.en).toBe('From challenge to idea – our regional version');
    expect(replaced[0]?.lessons.map((l) => l.id)).toEqual(['local-challenges']);
  });

  test('When the regional module is loaded on its own, Then it is a valid programme by itself', () => {
    const result = loadCurriculum([join(fixtures, 'local-module')]);

    expect(result.ok ? result.curriculum.modules.map((m) => m.id) : result.errors.map(formatContentError)).toEqual(['local-funding']);
  });
});
