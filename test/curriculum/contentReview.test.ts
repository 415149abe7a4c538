import { formatContentError, loadCurriculum } from '../../curriculum/loadCurriculum';
import type { Curriculum, QuizStep } from '../../curriculum/schema';
import { homePageSources, isHomePage, namesSpecificPage, repeatedQuizzes, repetition } from './reviewRules';

const loaded = loadCurriculum();
const curriculum: Curriculum = loaded.ok ? loaded.curriculum : { modules: [], artefacts: [] };

function quiz(prompt: string, options: string[], correct = 0): QuizStep {
  return {
    id: 'q',
    kind: 'quiz',
    prompt: { sv: prompt, en: prompt },
    options: options.map((text, i) => ({ id: `o${i}`, text: { sv: text, en: text }, ...(i === correct ? { correct: true } : {}) })),
    explanation: { correct: { sv: 'Rätt.', en: 'Right.' }, incorrect: { sv: 'Fel.', en: 'Wrong.' } },
  };
}

describe('review rules for the shipped content', () => {
  test('The shipped content loads (the rules below read it)', () => {
    expect(loaded.ok ? [] : loaded.errors.map(formatContentError)).toEqual([]);
  });

  test('No source whose title names a document or page points to a bare front page', () => {
    expect(homePageSources(curriculum)).toEqual([]);
  });

  test('No quiz repeats a quiz of another module', () => {
    expect(repeatedQuizzes(curriculum)).toEqual([]);
  });
});

describe('source addresses', () => {
  test('When an address has no path beyond "/", Then it is a front page', () => {
    expect(isHomePage('https://www.almi.se/')).toBe(true);
    expect(isHomePage('https://www.almi.se')).toBe(true);
    expect(isHomePage('https://www.almi.se/faq/lan/')).toBe(false);
    expect(isHomePage('https://www.upphandlingsmyndigheten.se/?q=direktupphandling')).toBe(false);
  });

  test('When a title says which page after a colon or a dash, Then it names a specific page; a publisher alone does not', () => {
    expect(namesSpecificPage('Almi: lån och mikrolån')).toBe(true);
    expect(namesSpecificPage('Upphandlingsmyndigheten – aktuella regler och belopp')).toBe(true);
    expect(namesSpecificPage('Bolagsverket')).toBe(false);
    expect(namesSpecificPage('Swedish Companies Registration Office (Bolagsverket)')).toBe(false);
    expect(namesSpecificPage('Global Impact Investing Network (GIIN)')).toBe(false);
  });

  test('When a lesson cites a front page under a specific title, Then the rule names the lesson and the address', () => {
    const withHomePage: Curriculum = {
      artefacts: [],
      modules: [
        {
          ...curriculum.modules[0]!,
          lessons: [
            {
              ...curriculum.modules[0]!.lessons[0]!,
              sources: [{ title: { sv: 'Almi: lån och mikrolån', en: 'Almi: loans and microloans' }, url: 'https://www.almi.se/' }],
            },
          ],
        },
      ],
    };

    expect(homePageSources(withHomePage)).toEqual([
      `${curriculum.modules[0]!.id}/${curriculum.modules[0]!.lessons[0]!.id}: "Almi: loans and microloans" points to the front page https://www.almi.se/`,
    ]);
  });
});

describe('repeated quizzes', () => {
  // The grants quizzes the expert review found in two modules, in their English wording.
  const grantsInBusinessModel = quiz('What role suits grants best in a social business model?', [
    'A bridge during start-up or development, not a permanent foundation',
    'The main income year after year',
    'Something to avoid at all costs',
    'A replacement for sales to the public sector',
  ]);
  const grantsInFinancing = quiz("Which role suits grants best in a social enterprise's financing?", [
    'A bridge for development that should later pay its own way',
    'A permanent base that covers running costs year after year',
    'The best way to buy stock',
    'Something social enterprises should avoid altogether',
  ]);

  test('When two quizzes ask nearly the same question with overlapping choices, Then they repeat each other', () => {
    expect(repetition(grantsInBusinessModel, grantsInFinancing)).toMatch(/nearly the same question/);
  });

  test('When two quizzes offer the same options, Then they repeat each other whatever they ask', () => {
    const options = ['Scaling out', 'Scaling up', 'Scaling deep'];
    expect(
      repetition(quiz('Opening in a new town is which way of scaling?', options), quiz('Changing a law is which way of scaling?', options, 1)),
    ).toBe('the same options (sv)');
  });

  test('When two quizzes share a generic prompt but not their choices, Then they do not repeat each other', () => {
    const wicked = quiz('Which statement is true of a wicked problem?', [
      'Solutions are better or worse, not true or false',
      'You know exactly when it is solved',
      'All experts agree on it',
    ]);
    const iop = quiz('Which statement about IOP is true?', [
      'IOP must respect procurement and state-aid rules',
      'IOP is an exemption in LOU',
      'IOP is regulated by Act 2022:900',
    ]);
    expect(repetition(wicked, iop)).toBeUndefined();
  });
});
