import { parseCommand } from '../../dialogs/parseCommand';
import { ConversationDriver } from '../support/conversationDriver';

describe('recognising commands', () => {
  it.each([
    ['menu', 'menu'],
    ['Meny', 'menu'],
    ['MENYN', 'menu'],
    ['mneu', 'menu'],
    ['help', 'help'],
    ['hjälp', 'help'],
    ['hjalp', 'help'],
    ['Hjälp!', 'help'],
    ['?', 'help'],
    ['progress', 'progress'],
    ['framsteg', 'progress'],
    ['framstg', 'progress'],
    ['continue', 'continue'],
    ['fortsätt', 'continue'],
    ['fortsatt', 'continue'],
    ['contineu', 'continue'],
    ['language', 'language'],
    ['språk', 'language'],
    ['sprak', 'language'],
    ['back', 'back'],
    ['tillbaka', 'back'],
    ['skip', 'skip'],
    ['hoppa över', 'skip'],
    ['börja om', 'restart'],
    ['my canvas', 'artefact'],
    ['min kanvas', 'artefact'],
    ['My Canvas', 'artefact'],
    ['export my data', 'exportData'],
    ['exportera mina data', 'exportData'],
    ['delete my data', 'deleteData'],
    ['radera mina data', 'deleteData'],
    ['radera mina dta', 'deleteData'],
    ['talk to an advisor', 'advisor'],
    ['prata med en rådgivare', 'advisor'],
    ['prata med en radgivare', 'advisor'],
  ])('reads %j as %s', (text, command) => {
    expect(parseCommand(text)).toBe(command);
  });

  it.each([
    'I need help with pricing',
    'Vi vill hjälpa äldre',
    'men',
    'hello',
    'ja',
    '',
    'a'.repeat(100),
    'Lina',
    'Linn',
    'Mena',
    'Hela',
    'Jack',
    'Skid',
  ])('leaves %j as an answer, not a command', (text) => {
    expect(parseCommand(text)).toBeNull();
  });
});

type Row = [typed: string, expected: RegExp];

function inLesson(locale: 'sv' | 'en'): ConversationDriver {
  const driver = new ConversationDriver();
  driver.onboard(locale);
  driver.choose(`module:${driver.index.modules[0]!.id}`);
  return driver;
}

function expectTable(driver: ConversationDriver, rows: Row[]): void {
  for (const [typed, expected] of rows) {
    const reply = driver.text(typed);
    expect({ typed, reply }).toEqual({ typed, reply: expect.stringMatching(expected) });
  }
}

describe('commands in a lesson, as a learner types them', () => {
  it('Swedish: help fits the step, progress and menu keep the place, continue returns to it', () => {
    const driver = inLesson('sv');
    const place = driver.context.position;
    expectTable(driver, [
      ['hjälp', /Du är i lektionen ”.+”, steg 1 av \d+\.[\s\S]*”meny”/],
      ['framsteg', /Dina framsteg[\s\S]*0 %/],
      ['meny', /Dina moduler[\s\S]*Fortsätt där jag var/],
      ['fortsätt', /Välkommen tillbaka|Vidare ▸/],
    ]);
    expect(driver.context.position).toEqual(place);
  });

  it('English: language switch re-asks the current step in the new language', () => {
    const driver = inLesson('en');
    const step = driver.index.step(driver.context.position!)!;
    expectTable(driver, [['language', /Which language would you like to use\?/]]);
    const reply = driver.choose('sv');
    expect(reply).toContain('Nu pratar vi svenska.');
    expect(reply).toContain(('text' in step ? step.text.sv : step.prompt.sv).slice(0, 30));
    expect(driver.context.locale).toBe('sv');
  });

  it('shows the artefact being built, and says so when nothing is filled in yet', () => {
    const driver = inLesson('en');
    expectTable(driver, [['my canvas', /You have not filled anything in yet/]]);
    const lesson = driver.index.modules[0]!.lessons[0]!;
    for (const step of lesson.steps) {
      if (step.kind === 'question') {
        driver.text('Older people in the countryside are lonely and isolated.');
        break;
      }
      driver.choose('next');
    }
    expectTable(driver, [['min kanvas', /Challenge and idea[\s\S]*Older people in the countryside are lonely/]]);
  });

  it('asks before deleting, and keeps everything when the learner says no', () => {
    const driver = inLesson('sv');
    expectTable(driver, [
      ['radera mina data', /Vill du verkligen radera allt/],
      ['nej', /ingenting har raderats/],
    ]);
    expect(driver.context.profile.firstName).toBe('Amina');
    expectTable(driver, [['delete my data', /Vill du verkligen radera allt/]]);
    driver.choose('delete-yes');
    expect(driver.emitted).toContainEqual({ type: 'effect.requested', request: { effect: 'deleteData' } });
    expect(driver.stateValue).toBe('deleted');
  });

  it('asks the turn engine to export data and to record an advisor request', () => {
    const driver = inLesson('en');
    driver.text('export my data');
    expect(driver.emitted).toContainEqual({ type: 'effect.requested', request: { effect: 'exportData' } });
    driver.text('talk to an advisor');
    expect(driver.emitted).toContainEqual({ type: 'effect.requested', request: { effect: 'requestAdvisor' } });
  });

  it('goes back to change an answer, restarts the lesson, and refuses to skip a required question', () => {
    const driver = inLesson('en');
    const lesson = driver.index.modules[0]!.lessons[0]!;
    const firstQuestion = lesson.steps.findIndex((s) => s.kind === 'question');
    for (let i = 0; i < firstQuestion; i++) driver.choose('next');
    expectTable(driver, [['skip', /This question cannot be skipped/]]);
    driver.text('A first answer about loneliness among older people.');
    expectTable(driver, [['back', new RegExp((lesson.steps[firstQuestion] as { prompt: { en: string } }).prompt.en.slice(0, 20))]]);
    driver.text('A better answer about loneliness among older people.');
    const key = `${driver.index.modules[0]!.id}/${lesson.id}/${lesson.steps[firstQuestion]!.id}`;
    expect(driver.context.answers[key]).toMatchObject({ kind: 'text', text: 'A better answer about loneliness among older people.' });
    expectTable(driver, [['restart', /Let’s restart the lesson/]]);
    expect(driver.context.position?.stepId).toBe(lesson.steps[0]!.id);
    expect(driver.context.answers[key]).toBeDefined();
  });

  it('re-asks a quiz on input that is not an option, without moving on', () => {
    const driver = inLesson('en');
    const lesson = driver.index.modules[0]!.lessons[0]!;
    const quizIndex = lesson.steps.findIndex((s) => s.kind === 'quiz');
    for (const step of lesson.steps.slice(0, quizIndex)) {
      if (step.kind === 'question') driver.text('Loneliness among older people in the countryside.');
      else driver.choose('next');
    }
    const before = driver.context.position;
    expectTable(driver, [
      ['banana', /Please choose one of the options/],
      ['9', /Please choose one of the options/],
    ]);
    expect(driver.context.position).toEqual(before);
  });

  it('answers commands in the menu that only make sense in a lesson', () => {
    const driver = new ConversationDriver();
    driver.onboard('en');
    expectTable(driver, [
      ['back', /only works inside a lesson/],
      ['help', /You can write: “menu”/],
      ['continue', /Your modules/],
    ]);
  });
});

describe('switching modules', () => {
  it('keeps the place in each module and resumes there', () => {
    const driver = new ConversationDriver();
    driver.onboard('sv');
    const [first, second] = driver.index.modules;
    driver.choose(`module:${first!.id}`);
    driver.choose('next');
    driver.choose('next');
    const placeInFirst = driver.context.position;

    driver.text('meny');
    driver.choose(`module:${second!.id}`);
    driver.choose('next');
    const placeInSecond = driver.context.position;
    expect(placeInSecond?.moduleId).toBe(second!.id);

    driver.text('meny');
    const back = driver.choose(`module:${first!.id}`);
    expect(driver.context.position).toEqual(placeInFirst);
    const step = driver.index.step(placeInFirst!)!;
    expect(back).toContain(('text' in step ? step.text.sv : step.prompt.sv).slice(0, 30));

    driver.text('meny');
    driver.choose(`module:${second!.id}`);
    expect(driver.context.position).toEqual(placeInSecond);
  });
});

describe('buttons that stay on screen', () => {
  it('opens a lesson or module from an old button pressed in the middle of another lesson', () => {
    const driver = new ConversationDriver();
    driver.onboard('en');
    const [first, second] = driver.index.modules;
    driver.choose(`module:${first!.id}`);
    driver.choose('next');
    const target = second!.lessons[1]!;
    const reply = driver.choose(`lesson:${second!.id}/${target.id}`);
    expect(driver.context.position).toEqual({ moduleId: second!.id, lessonId: target.id, stepId: target.steps[0]!.id });
    expect(reply).toContain(`lesson 2 of ${second!.lessons.length}`);
    driver.choose(`module:${first!.id}`);
    expect(driver.context.position?.moduleId).toBe(first!.id);
  });
});

describe('continue after a finished lesson', () => {
  it('goes on to the next unfinished lesson of the module', () => {
    const driver = new ConversationDriver();
    driver.onboard('en');
    const module = driver.index.modules[0]!;
    driver.choose(`module:${module.id}`);
    for (const step of module.lessons[0]!.steps) {
      if (step.kind === 'summary') break;
      if (step.kind === 'question') driver.text('Older people in the countryside are lonely and isolated.');
      else if (step.kind === 'quiz') driver.choose(step.options.find((o) => o.correct)!.id);
      else if (step.kind === 'sdg') {
        driver.text('3');
        driver.text('none');
      } else if (step.kind === 'choice') driver.choose(step.options[0]!.id);
      else if (step.kind === 'scale') driver.choose('3');
      else driver.choose('next');
    }
    driver.text('menu');
    const reply = driver.text('continue');
    expect(driver.context.position).toEqual({ moduleId: module.id, lessonId: module.lessons[1]!.id, stepId: module.lessons[1]!.steps[0]!.id });
    expect(reply).toContain(`lesson 2 of ${module.lessons.length}`);
  });
});
