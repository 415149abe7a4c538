import { editDistance, isCloseTo, normalizeInput } from './normalizeInput';

/** The global commands a learner can give at any point, in either language. */
export const COMMANDS = [
  'menu',
  'help',
  'progress',
  'continue',
  'language',
  'back',
  'skip',
  'restart',
  'artefact',
  'exportData',
  'deleteData',
  'advisor',
  'link',
  'stopSharing',
  'startSharing',
] as const;
export type Command = (typeof COMMANDS)[number];

/** Phrases per command, already normalized (lower case, no diacritics). Both languages are always understood. */
const PHRASES: Record<Command, readonly string[]> = {
  menu: ['menu', 'meny', 'menyn', 'main menu', 'huvudmeny', 'modules', 'moduler'],
  help: ['help', 'hjalp', 'hjalp mig', 'help me', '?'],
  progress: ['progress', 'framsteg', 'my progress', 'mina framsteg', 'status'],
  continue: ['continue', 'fortsatt', 'resume', 'fortsatt dar jag var', 'continue where i was'],
  language: ['language', 'sprak', 'byt sprak', 'change language', 'andra sprak'],
  back: ['back', 'tillbaka', 'go back', 'ga tillbaka', 'previous', 'foregaende'],
  skip: ['skip', 'hoppa over', 'skip this', 'hoppa'],
  restart: ['restart', 'borja om', 'restart lesson', 'borja om lektionen', 'start over'],
  artefact: [
    'my canvas',
    'min kanvas',
    'canvas',
    'kanvas',
    'my artefacts',
    'mina artefakter',
    'my plan',
    'min plan',
    'show my canvas',
    'visa min kanvas',
    'my theory of change',
    'min forandringsteori',
  ],
  exportData: ['export my data', 'exportera mina data', 'export', 'exportera', 'my data', 'mina data', 'exportera min data'],
  deleteData: ['delete my data', 'radera mina data', 'delete me', 'radera mig', 'ta bort mina data', 'radera min data', 'delete my account'],
  link: [
    'link',
    'koppla',
    'link my account',
    'koppla mitt konto',
    'link accounts',
    'koppla ihop',
    'link teams',
    'koppla teams',
    'connect my account',
    'koppla ihop konton',
  ],
  stopSharing: ['stop sharing', 'sluta dela', 'do not share', 'dela inte', 'stop sharing with my advisor', 'sluta dela med radgivare'],
  startSharing: ['share with my advisor', 'dela med radgivare', 'start sharing', 'borja dela', 'dela med min radgivare', 'share with advisors'],
  advisor: [
    'talk to an advisor',
    'prata med en radgivare',
    'advisor',
    'radgivare',
    'talk to a human',
    'prata med en manniska',
    'contact advisor',
    'kontakta radgivare',
    'talk to an adviser',
    'adviser',
  ],
};

/** A command phrase with what the typo check compares, worked out once. */
interface TypoTarget {
  readonly command: Command;
  readonly phrase: string;
  readonly letters: string;
}

const sortedLetters = (text: string) => [...text].sort().join('');

const TYPO_TARGETS: readonly TypoTarget[] = COMMANDS.flatMap((command) =>
  PHRASES[command].map((phrase) => ({ command, phrase, letters: sortedLetters(phrase) })),
);

/**
 * A typo of a command phrase. A short phrase tolerates only two neighbouring letters swapped ("mneu"): one letter
 * changed would turn first names into commands ("Lina" into link, "Mena" into menu).
 */
function isCommandTypo(input: string, inputLetters: string, target: TypoTarget): boolean {
  const { phrase } = target;
  if (phrase.length >= 6) return isCloseTo(input, phrase);
  return inputLetters === target.letters && phrase.length >= 4 && editDistance(input, phrase) === 1;
}

/**
 * The command a whole message asks for, or null. Only a message that is nothing but the command counts,
 * so a free-text answer that mentions "help" is still an answer. Case, diacritics and small typos are tolerated.
 */
export function parseCommand(text: string): Command | null {
  if (text.trim() === '?') return 'help';
  const input = normalizeInput(text);
  if (input === '' || input.length > 40) return null;
  for (const command of COMMANDS) if (PHRASES[command].includes(input)) return command;
  const inputLetters = sortedLetters(input);
  return TYPO_TARGETS.find((target) => isCommandTypo(input, inputLetters, target))?.command ?? null;
}
