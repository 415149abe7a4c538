import { COMMANDS } from '../../dialogs/parseCommand';
import type { ConversationEvent } from '../../dialogs/events';
import { ConversationDriver } from '../support/conversationDriver';

/** Small deterministic PRNG (mulberry32), so a failure can be replayed from its seed. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TEXTS = [
  '',
  ' ',
  '1',
  '2',
  '3',
  '17',
  '18',
  '0',
  '-1',
  '4',
  '5',
  '1, 3',
  '10, 11',
  '45 000 kr',
  '12,5 %',
  '1.200',
  '-500',
  'inga',
  'none',
  'ja',
  'nej',
  'yes',
  'no',
  'Svenska',
  'English',
  'hjälp',
  'meny',
  'menu',
  'fortsätt',
  'tillbaka',
  'hoppa över',
  'börja om',
  'framsteg',
  'språk',
  'min kanvas',
  'talk to an advisor',
  'radera mina data',
  'export my data',
  '🙂🙂🙂',
  'ÅÄÖ åäö',
  '<script>alert(1)</script>',
  'Vi hjälper äldre på landsbygden att bryta ensamheten genom byvärdar.',
  'x'.repeat(5000),
  '\u0000\u0001',
  'null',
  '{}',
];
const VALUES = ['next', 'sv', 'en', 'consent-yes', 'consent-no', 'delete-no', 'module:nope', 'lesson:nope/nope', 'cmd:menu', 'wicked', '4', 'z'];

function randomEvent(next: () => number, driver: ConversationDriver): ConversationEvent {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const roll = next();
  if (roll < 0.04) return { type: 'session.started' };
  if (roll < 0.05) return pick([{ type: 'user.editedMessage' }, { type: 'user.unreadable' }] as const);
  if (roll < 0.15) return { type: 'user.command', command: pick(COMMANDS.filter((c) => c !== 'deleteData')) };
  if (roll < 0.55) {
    const step = driver.context?.position ? driver.index.step(driver.context.position) : undefined;
    const optionIds = step && 'options' in step ? step.options.map((o) => o.id) : [];
    const moduleIds = driver.index.modules.map((m) => `module:${m.id}`);
    return { type: 'user.choice', value: pick([...VALUES, ...optionIds, ...moduleIds]) };
  }
  return { type: 'user.text', text: pick(TEXTS) };
}

describe('the conversation under random input', () => {
  it.each([1, 2, 3, 4, 5, 6])('never throws and always answers (seed %i, 600 events)', (seed) => {
    const next = random(seed);
    let driver = new ConversationDriver();
    driver.reply({ type: 'session.started' });
    const silent: string[] = [];
    for (let i = 0; i < 600; i++) {
      const event = randomEvent(next, driver);
      driver.send(event);
      const answered = driver.emitted.some((e) => e.type === 'bot.say' || e.type === 'effect.requested');
      if (!answered) silent.push(`${JSON.stringify(driver.stateValue)} ← ${JSON.stringify(event).slice(0, 80)}`);
      if (driver.stateValue === 'deleted') driver = new ConversationDriver();
    }
    expect(silent).toEqual([]);
  });
});
