import type OpenAI from 'openai';
import { zodResponseFormat } from 'openai/helpers/zod';
import { z } from 'zod';
import { say } from '../../dialogs/catalogue';
import type { Coach, CoachReply, CoachRequest, QuestionRequest } from '../../bot/ports/coach';
import type { CoachPrompts } from './coachPrompts';

/** Longest reply a learner reads, in characters (one chat bubble on a phone). */
export const MAX_REPLY_CHARS = 600;
/** Output tokens allowed per call: enough for the JSON around some 450 characters, with room for a reasoning model. */
const MAX_OUTPUT_TOKENS = 1000;

/** A string the model must fill in (empty means it did not answer; the refinement is checked, not sent as a schema). */
const said = z.string().refine((text) => text.trim().length > 0, 'must not be empty');

const feedbackSchema = z
  .object({ thin: z.boolean(), strength: z.string(), improvement: said, followUpQuestion: z.string() })
  .refine((value) => (value.thin ? value.followUpQuestion.trim() !== '' : value.strength.trim() !== ''), {
    message: 'a thin answer needs a follow-up question, any other answer a strength',
  });
const followUpSchema = z.object({ reply: said });
const questionSchema = z.object({ answer: said, covered: z.boolean(), lessonIds: z.array(z.string()) });

/** The model said no (a refusal), or answered without content. */
export class CoachRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CoachRefusedError';
  }
}

export interface OpenAiCoachOptions {
  /** The OpenAI client (or AzureOpenAI, or one for any compatible server). */
  readonly client: OpenAI;
  /** The model, or the Azure deployment. */
  readonly model: string;
  readonly prompts: CoachPrompts;
}

/**
 * The AI coach: one Chat Completions call per request, with the reply's shape given as a JSON schema (structured
 * outputs) and checked with zod through the SDK's helper, so a malformed, refused or cut-off answer is an error and the
 * offline coach answers instead. Retries (429 with retry-after, 5xx) are the SDK's, within the caller's deadline.
 */
export class OpenAiCoach implements Coach {
  constructor(private readonly options: OpenAiCoachOptions) {}

  async reply(request: CoachRequest, signal: AbortSignal): Promise<CoachReply> {
    const { system, user } = this.options.prompts.messagesFor(request);
    const messages = [
      { role: 'system' as const, content: system },
      { role: 'user' as const, content: user },
    ];
    switch (request.kind) {
      case 'feedback': {
        const { parsed, usage } = await this.ask(messages, zodResponseFormat(feedbackSchema, 'feedback'), signal);
        const text = parsed.thin ? `➜ ${parsed.followUpQuestion}` : `✔ ${parsed.strength}\n➜ ${parsed.improvement}`;
        return this.replyOf(text, usage);
      }
      case 'followUp': {
        const { parsed, usage } = await this.ask(messages, zodResponseFormat(followUpSchema, 'follow_up_reply'), signal);
        return this.replyOf(parsed.reply, usage);
      }
      case 'question': {
        const { parsed, usage } = await this.ask(messages, zodResponseFormat(questionSchema, 'answer'), signal);
        return this.replyOf(questionText(request, parsed), usage);
      }
    }
  }

  private async ask<T>(
    messages: OpenAI.Chat.ChatCompletionMessageParam[],
    format: ReturnType<typeof zodResponseFormat<z.ZodType<T>>>,
    signal: AbortSignal,
  ): Promise<{ parsed: T; usage: CoachReply['usage'] }> {
    const completion = await this.options.client.chat.completions.parse(
      { model: this.options.model, messages, response_format: format, max_completion_tokens: MAX_OUTPUT_TOKENS },
      { signal },
    );
    const message = completion.choices[0]?.message;
    if (message?.refusal) throw new CoachRefusedError(`the model refused: ${message.refusal.slice(0, 200)}`);
    if (!message?.parsed) throw new CoachRefusedError('the model answered without content');
    const usage = completion.usage ? { inputTokens: completion.usage.prompt_tokens, outputTokens: completion.usage.completion_tokens } : undefined;
    return { parsed: message.parsed, usage };
  }

  private replyOf(text: string, usage: CoachReply['usage']): CoachReply {
    return { text: shortened(text), source: 'ai', model: this.options.model, ...(usage ? { usage } : {}) };
  }
}

/** The answer to a question, with the lessons it draws on named (only lessons that were offered), or where to turn. */
function questionText(request: QuestionRequest, parsed: z.infer<typeof questionSchema>): string {
  const { locale } = request;
  const named = parsed.lessonIds.flatMap((id) => request.passages.filter((p) => `${p.moduleId}/${p.lessonId}` === id || p.lessonId === id));
  const sources = [...new Map(named.map((p) => [p.lessonId, p])).values()].slice(0, 2);
  const lines = [shortened(parsed.answer, MAX_REPLY_CHARS - 200)];
  if (parsed.covered && sources.length > 0) {
    lines.push(...sources.map((p) => say(locale, 'questionSource', { lesson: p.lessonTitle, module: p.moduleTitle })), say(locale, 'openLessonHint'));
  }
  if (!parsed.covered) {
    lines.push(
      say(locale, 'questionNotCovered'),
      say(locale, 'questionAdvisor', { contact: `${request.advisor.contact} (${request.advisor.organisationName})` }),
    );
  }
  return lines.join('\n');
}

/** At most `max` characters, cut after the last whole sentence (or word) that fits. */
function shortened(text: string, max = MAX_REPLY_CHARS): string {
  const trimmed = text.trim();
  if (trimmed.length <= max) return trimmed;
  const head = trimmed.slice(0, max - 1);
  const sentenceEnd = Math.max(head.lastIndexOf('. '), head.lastIndexOf('! '), head.lastIndexOf('? '));
  return sentenceEnd > max / 2 ? head.slice(0, sentenceEnd + 1) : `${head.slice(0, head.lastIndexOf(' '))} …`;
}
