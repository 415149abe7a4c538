import { join } from 'node:path';
import { z } from 'zod';
import { formatContentError, parseYamlFile, type ContentError } from '../../curriculum/yamlFile';
import { LOCALES, type Locale } from '../../curriculum/schema';
import type { CoachLearnerContext, CoachRequest, FeedbackRequest, QuestionRequest } from '../../bot/ports/coach';

const prompt = z.strictObject({ system: z.string().min(1), user: z.string().min(1) });
const promptFileSchema = z.strictObject({
  feedback: prompt,
  followUp: prompt,
  question: prompt,
  words: z.strictObject({ none: z.string(), menu: z.string(), ventureUnknown: z.string(), criterion: z.string() }),
});
type PromptFile = z.infer<typeof promptFileSchema>;

/** The chat messages of one request: the programme's text as the system message, the learner's words as the user's. */
export interface PromptMessages {
  readonly system: string;
  readonly user: string;
}

/** The folder of the prompt files, beside this module (the build copies it into dist/). */
export function promptsDir(): string {
  return join(__dirname, 'prompts');
}

/** Reads and checks the prompt files (one per language); throws naming the file and the problem. */
export function loadCoachPrompts(dir = promptsDir()): CoachPrompts {
  const errors: ContentError[] = [];
  const files = Object.fromEntries(LOCALES.map((locale) => [locale, parseYamlFile(join(dir, `${locale}.yaml`), promptFileSchema, errors)]));
  if (errors.length > 0) throw new Error(`The coach's prompts do not load:\n${errors.map(formatContentError).join('\n')}`);
  return new CoachPrompts(files as Record<Locale, PromptFile>);
}

/** Fills the prompt templates with a request. Placeholders a template names but the request lacks are an error. */
export class CoachPrompts {
  constructor(private readonly files: Readonly<Record<Locale, PromptFile>>) {}

  messagesFor(request: CoachRequest): PromptMessages {
    const file = this.files[request.locale];
    const template = file[request.kind];
    const values = request.kind === 'question' ? questionValues(request, file) : feedbackValues(request, file);
    return { system: fill(template.system, values), user: fill(template.user, values) };
  }
}

function feedbackValues(request: Exclude<CoachRequest, QuestionRequest>, file: PromptFile): Record<string, string> {
  const { words } = file;
  return {
    module: request.lesson.moduleTitle,
    lesson: request.lesson.lessonTitle,
    teaching: bulleted(request.lesson.teaching, words.none),
    prompt: request.prompt,
    rubric: rubricLines(request, file),
    venture: venture(request.learner, words.ventureUnknown),
    earlierAnswers: bulleted(
      request.learner.earlierAnswers.map((a) => `${a.question}\n  → ${a.answer}`),
      words.none,
    ),
    answer: request.answer,
    ...(request.kind === 'followUp' ? { feedback: request.feedback, followUp: request.followUp } : {}),
  };
}

function questionValues(request: QuestionRequest, file: PromptFile): Record<string, string> {
  const { words } = file;
  const passages = request.passages.map(
    (p) => `[${p.moduleId}/${p.lessonId}] ${p.moduleTitle} – ${p.lessonTitle}:\n${p.teaching.map((t) => `  ${t}`).join('\n')}`,
  );
  return {
    passages: passages.length > 0 ? passages.join('\n\n') : words.none,
    askedAt: request.askedAt ? [request.askedAt.lessonTitle, request.askedAt.prompt].filter(Boolean).join(' – ') : words.menu,
    venture: venture(request.learner, words.ventureUnknown),
    question: request.question,
  };
}

function rubricLines(request: FeedbackRequest | Exclude<CoachRequest, QuestionRequest>, file: PromptFile): string {
  const locale = request.locale;
  const lines = request.rubric.map((c) => fill(file.words.criterion, { met: c.met[locale], missing: c.missing[locale] }));
  return bulleted(lines, file.words.none);
}

function venture(learner: CoachLearnerContext, unknown: string): string {
  return [learner.ventureName, learner.ventureLine].filter(Boolean).join(' – ') || unknown;
}

function bulleted(lines: readonly string[], none: string): string {
  return lines.length > 0 ? lines.map((line) => `- ${line}`).join('\n') : none;
}

/** `{{name}}` replaced by its value; a name without a value is a mistake in the prompt file. */
function fill(template: string, values: Readonly<Record<string, string>>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (_, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`the coach prompt names {{${name}}}, which this request does not have`);
    return value;
  });
}
