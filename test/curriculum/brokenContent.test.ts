import { join, resolve } from 'node:path';
import { builtInContentDir, formatContentError, loadCurriculum, type ContentError } from '../../curriculum/loadCurriculum';

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
