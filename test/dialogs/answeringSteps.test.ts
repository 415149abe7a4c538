import type { OutgoingMessage } from '../../dialogs/outgoing';
import { ConversationDriver } from '../support/conversationDriver';

/** A learner in the first module, at the first step of `kind` (answering everything before it). */
function learnerAt(kind: 'quiz' | 'question' | 'teach', multipleChoice = false): ConversationDriver {
  const driver = new ConversationDriver();
  driver.onboard('en');
  for (const module of driver.index.modules) {
    for (const lesson of module.lessons) {
      const target = lesson.steps.find((s) => (multipleChoice ? s.kind === 'choice' && s.multiple === true : s.kind === kind));
      if (!target) continue;
      driver.choose(`lesson:${module.id}/${lesson.id}`);
      while (driver.context.position!.stepId !== target.id) {
        const step = driver.index.step(driver.context.position!)!;
        if (step.kind === 'question') driver.text('Older people in the countryside are lonely and isolated.');
        else if (step.kind === 'quiz' || step.kind === 'choice') driver.choose(step.options[0]!.id);
        else if (step.kind === 'scale') driver.choose('3');
        else if (step.kind === 'sdg') {
          driver.text('3');
          driver.text('none');
        } else driver.choose('next');
      }
      return driver;
    }
  }
  throw new Error(`no ${kind} step in the content`);
}

const lastMessage = (messages: OutgoingMessage[]) => messages[messages.length - 1]!;

describe('answering a step', () => {
  it('a quiz asked again shows its options with the re-ask', () => {
    const driver = learnerAt('quiz');
    const step = driver.index.step(driver.context.position!)!;
    const reply = driver.send({ type: 'user.text', text: 'bananas' });
    const reask = lastMessage(reply);
    expect(reask).toMatchObject({ kind: 'choices', text: expect.stringMatching(/Please choose one of the options/) });
    expect(reask.kind === 'choices' && reask.choices.map((c) => c.value)).toEqual(step.kind === 'quiz' && step.options.map((o) => o.id));
  });

  it.each(['help', 'my canvas', 'progress', 'talk to an advisor', 'link'])(
    'after "%s" inside a lesson the current step comes last, with its buttons',
    (command) => {
      const driver = learnerAt('teach');
      const position = driver.context.position!;
      const reply = driver.send({ type: 'user.command', command: commandOf(command), text: command });
      expect(lastMessage(reply)).toMatchObject({ kind: 'choices', choices: [expect.objectContaining({ value: 'next' })] });
      expect(driver.context.position).toEqual(position);
    },
  );

  it('a multi-select card sent with nothing ticked asks to tick at least one, with the options', () => {
    const driver = learnerAt('quiz', true);
    const reply = driver.send({ type: 'user.choice', value: '' });
    expect(lastMessage(reply)).toMatchObject({ kind: 'choices', multiple: true, text: expect.stringMatching(/Tick at least one option/) });
    expect(driver.emitted.some((e) => e.type === 'answer.recorded')).toBe(false);
  });

  it('takes an answer of 10,000 characters whole, and refuses a longer one saying how long an answer may be', () => {
    const driver = learnerAt('question');
    const position = driver.context.position!;
    expect(driver.text('x'.repeat(10_001))).toMatch(/has 10,001 characters, and an answer may be at most 10,000/);
    expect(driver.context.position).toEqual(position);
    const long = `${'Our venture trains people far from the labour market. '.repeat(200)}`.slice(0, 10_000);
    driver.send({ type: 'user.text', text: long });
    expect(driver.emitted).toContainEqual({ type: 'answer.recorded', answer: expect.objectContaining({ answer: long.trim() }) });
  });

  it('shows progress in a module as soon as a lesson is under way', () => {
    const driver = learnerAt('question');
    const menu = driver.send({ type: 'user.command', command: 'menu' }).find((m) => m.kind === 'progress');
    expect(menu?.kind === 'progress' && menu.modules[0]!.percent).toBeGreaterThan(0);
    expect(menu?.kind === 'progress' && menu.modules[0]!.percent).toBeLessThan(100 / driver.index.modules[0]!.lessons.length);
  });
});

function commandOf(text: string) {
  return ({ help: 'help', 'my canvas': 'artefact', progress: 'progress', 'talk to an advisor': 'advisor', link: 'link' } as const)[text]!;
}
