/** A local server speaking the OpenAI Chat Completions protocol, for the AI coach's tests and the benchmark. */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A chat completion request as the server received it. */
export interface ReceivedCompletion {
  readonly path: string;
  readonly headers: IncomingMessage['headers'];
  /** The raw body, as the SDK sent it. */
  readonly raw: string;
  readonly body: {
    readonly model: string;
    readonly messages: readonly { readonly role: string; readonly content: string }[];
    readonly response_format?: { readonly type: string; readonly json_schema?: { readonly name: string } };
    readonly [field: string]: unknown;
  };
}

/** How the server answers one request. */
export type ModelBehaviour =
  /** The model's structured answer (serialized into the message content), after `delayMs`. */
  | { readonly kind: 'answer'; readonly content: unknown; readonly delayMs?: number }
  /** Message content that is not the JSON asked for. */
  | { readonly kind: 'malformed'; readonly content: string }
  | { readonly kind: 'refusal'; readonly refusal: string }
  /** An HTTP error with an OpenAI-style error body. */
  | { readonly kind: 'error'; readonly status: number; readonly headers?: Record<string, string>; readonly message: string };

export type ModelScript = (request: ReceivedCompletion, attempt: number) => ModelBehaviour;

/** What the server answered, beside what it received (for the closing note's examples). */
export interface Exchange {
  readonly request: ReceivedCompletion;
  readonly status: number;
  readonly response: unknown;
}

export interface OpenAiCompatibleServer {
  /** The base URL the SDK is given (`…/v1`). */
  readonly baseUrl: string;
  /** Origin only, for Azure OpenAI (`/openai/deployments/{deployment}/chat/completions`). */
  readonly origin: string;
  readonly exchanges: readonly Exchange[];
  readonly requests: readonly ReceivedCompletion[];
  /** Changes how the next requests are answered. */
  script(script: ModelScript): void;
  close(): Promise<void>;
}

/**
 * A local server speaking the OpenAI Chat Completions protocol (non-streaming JSON), on 127.0.0.1 and a free port: the
 * endpoints the SDK calls for `chat.completions.parse`, for OpenAI-compatible servers and for Azure OpenAI. What it
 * answers is scripted by the test; by default it plays a model that answers every kind of coach request.
 */
export async function startOpenAiCompatibleServer(script: ModelScript = playModel): Promise<OpenAiCompatibleServer> {
  const exchanges: Exchange[] = [];
  const requests: ReceivedCompletion[] = [];
  let current = script;
  const pending = new Set<NodeJS.Timeout>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const path = (req.url ?? '').split('?')[0] ?? '';
      if (req.method !== 'POST' || !/^(\/v1|\/openai\/deployments\/[^/]+)\/chat\/completions$/.test(path)) {
        return send(res, 404, { error: { message: `no route ${req.method} ${path}`, type: 'invalid_request_error' } });
      }
      const raw = Buffer.concat(chunks).toString('utf8');
      const request: ReceivedCompletion = { path: req.url ?? '', headers: req.headers, raw, body: JSON.parse(raw) as ReceivedCompletion['body'] };
      requests.push(request);
      const behaviour = current(request, requests.length);
      const answer = () => {
        const { status, headers, body } = responseFor(request, behaviour);
        exchanges.push({ request, status, response: body });
        if (!res.destroyed) send(res, status, body, headers);
      };
      const delay = behaviour.kind === 'answer' ? (behaviour.delayMs ?? 0) : 0;
      if (delay === 0) return answer();
      const timer = setTimeout(() => {
        pending.delete(timer);
        answer();
      }, delay);
      pending.add(timer);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    baseUrl: `${origin}/v1`,
    origin,
    exchanges,
    requests,
    script: (next) => {
      current = next;
    },
    close: async () => {
      for (const timer of pending) clearTimeout(timer);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

let completions = 0;

function responseFor(request: ReceivedCompletion, behaviour: ModelBehaviour): { status: number; headers?: Record<string, string>; body: unknown } {
  if (behaviour.kind === 'error') {
    return {
      status: behaviour.status,
      headers: behaviour.headers,
      body: { error: { message: behaviour.message, type: 'server_error', code: null } },
    };
  }
  const message =
    behaviour.kind === 'refusal'
      ? { role: 'assistant', content: null, refusal: behaviour.refusal }
      : { role: 'assistant', content: behaviour.kind === 'answer' ? JSON.stringify(behaviour.content) : behaviour.content, refusal: null };
  const prompt = request.raw.length / 4;
  return {
    status: 200,
    body: {
      id: `chatcmpl-local-${++completions}`,
      object: 'chat.completion',
      created: Math.floor(Date.now() / 1000),
      model: request.body.model,
      choices: [{ index: 0, message, finish_reason: 'stop', logprobs: null }],
      usage: { prompt_tokens: Math.round(prompt), completion_tokens: 60, total_tokens: Math.round(prompt) + 60 },
    },
  };
}

/** The JSON schema name the coach asked for: which kind of request this is. */
export function formatOf(request: ReceivedCompletion): string {
  return request.body.response_format?.json_schema?.name ?? '';
}

/** The learner's text in the user message (between the """ fences the prompts put around it), the last one first. */
export function quotedByLearner(request: ReceivedCompletion): string[] {
  const user = request.body.messages.find((m) => m.role === 'user')?.content ?? '';
  return [...user.matchAll(/"""\n([\s\S]*?)\n"""/g)].map((m) => m[1]!).reverse();
}

/**
 * A stand-in model: answers each kind of coach request with a structured reply built from what it was sent, the way a
 * model would (quoting the learner's answer, naming the first lesson it was given).
 */
export const playModel: ModelScript = (request) => {
  const english = /Write in English|in English/.test(request.body.messages[0]?.content ?? '');
  const [latest = ''] = quotedByLearner(request);
  const firstWords = latest.split(/\s+/).slice(0, 6).join(' ');
  switch (formatOf(request)) {
    case 'feedback': {
      const thin = latest.trim().split(/\s+/).length < 5;
      return {
        kind: 'answer',
        content: thin
          ? {
              thin: true,
              strength: '',
              improvement: english ? 'Say more about who is affected.' : 'Berätta mer om vilka som berörs.',
              followUpQuestion: english ? 'Who meets this challenge in everyday life, and where?' : 'Vilka möter utmaningen i vardagen, och var?',
            }
          : {
              thin: false,
              strength: english
                ? `You are specific: “${firstWords} …” names a real group.`
                : `Du är konkret: ”${firstWords} …” pekar ut en verklig grupp.`,
              improvement: english
                ? 'Add what it leads to in their everyday life, for example how often they meet anyone.'
                : 'Lägg till vad det leder till i deras vardag, till exempel hur ofta de träffar någon.',
              followUpQuestion: '',
            },
      };
    }
    case 'follow_up_reply':
      return {
        kind: 'answer',
        content: {
          reply: english
            ? 'For example: “Half of the older people we met in Kinda see someone less than once a week.”'
            : 'Till exempel: ”Hälften av de äldre vi träffade i Kinda träffar någon mer sällan än en gång i veckan.”',
        },
      };
    case 'answer': {
      const system = request.body.messages[0]?.content ?? '';
      const lessonId = /\[([a-z0-9-]+\/[a-z0-9-]+)\]/.exec(system)?.[1];
      return {
        kind: 'answer',
        content: lessonId
          ? {
              answer: english
                ? 'An IOP (idea-based public partnership) is a long-term collaboration between a municipality or region and a non-profit organisation on a shared goal, outside public procurement.'
                : 'Ett IOP (idéburet offentligt partnerskap) är ett långsiktigt samarbete mellan en kommun eller region och en idéburen organisation kring ett gemensamt mål, utanför upphandling.',
              covered: true,
              lessonIds: [lessonId],
            }
          : { answer: english ? 'The programme does not cover that.' : 'Det tar programmet inte upp.', covered: false, lessonIds: [] },
      };
    }
    default:
      return { kind: 'error', status: 400, message: 'unknown response format' };
  }
};
