import { checkCurriculum } from '../../scripts/curriculumCheck';
import { loadCurriculumOrThrow } from '../../curriculum/loadCurriculum';
import { captureStream } from '../support/captureStream';

/** The built-in modules plus the local fixture's one. */
const expectedModules = loadCurriculumOrThrow().modules.length + 1;

const capture = captureStream;

describe('npm run curriculum:check', () => {
  it('lists every module and exits 0 for the shipped content plus a valid local module', () => {
    const out = capture();
    const err = capture();
    expect(checkCurriculum(['test/fixtures/content/local-module'], out.stream, err.stream)).toBe(0);
    expect(out.text()).toMatch(/ok {2}8\. local-funding: \d+ lessons, \d+ steps/);
    expect(out.text()).toContain(`The curriculum is valid: ${expectedModules} modules`);
    expect(out.text()).toMatch(/^from test\/fixtures\/content\/local-module: 1 module \(local-funding\), 0 artefacts$/m);
    expect(err.text()).toBe('');
  });

  it('reports that nothing was loaded and exits 1 for a folder without modules/ inside, instead of calling the curriculum valid', () => {
    const out = capture();
    const err = capture();
    expect(checkCurriculum(['test/fixtures/content/no-modules-folder'], out.stream, err.stream)).toBe(1);
    expect(err.text()).toMatch(/^test\/fixtures\/content\/no-modules-folder: nothing was loaded from this folder/m);
    expect(out.text()).not.toContain('valid');
  });

  it('prints each error as file, path and problem and exits 1 for broken content', () => {
    const out = capture();
    const err = capture();
    expect(checkCurriculum(['test/fixtures/content/broken-two-correct'], out.stream, err.stream)).toBe(1);
    expect(err.text()).toMatch(
      /^test\/fixtures\/content\/broken-two-correct\/modules\/[\w.-]+\.yaml: lessons\[\d+\]\.steps\[\d+\]\.options: a quiz needs exactly one correct option, found 2$/m,
    );
    expect(err.text()).toMatch(/1 error\(s\) in /);
  });
});
