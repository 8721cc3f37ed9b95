/**
 * A fake OpenAI-compatible server (real HTTP on 127.0.0.1, `POST /v1/chat/completions`) so the real `openai`
 * client, its timeouts and our retries run in tests. Scriptable per test: queue one-shot behaviours with
 * `script(...)`, or set what every other request gets with `setDefault(...)`.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export type FakeBehaviour =
  /** A completion; content defaults to a short line naming the request number. */
  | {
      type: 'reply';
      content?: string;
      promptTokens?: number;
      completionTokens?: number;
      model?: string;
      delayMs?: number;
      omitUsage?: boolean;
    }
  /** An error status, optionally with Retry-After (seconds) / retry-after-ms headers. */
  | { type: 'status'; status: number; retryAfter?: string; retryAfterMs?: number; code?: string }
  /** 200 with a JSON content type and a body that is not JSON. */
  | { type: 'malformed' }
  /** Accepts the request and never answers. */
  | { type: 'hang' };

export interface RecordedRequest {
  n: number;
  model: string;
  messages: Array<{ role: string; content: string }>;
  body: Record<string, unknown>;
  authorization?: string;
  /** Date.now() when the request arrived. */
  receivedAt: number;
}

export interface FakeOpenAI {
  /** Base URL for OPENAI_BASE_URL (ends in /v1). */
  readonly url: string;
  /** Every chat completion request received, in order. */
  readonly requests: RecordedRequest[];
  script(...behaviours: FakeBehaviour[]): void;
  setDefault(behaviour: FakeBehaviour | ((req: RecordedRequest) => FakeBehaviour)): void;
  /** Clears requests, script and default (back to plain replies). */
  reset(): void;
  close(): Promise<void>;
}

const DEFAULT: FakeBehaviour = { type: 'reply' };

function send(res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}) {
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(body),
    ...headers,
  });
  res.end(body);
}

function completion(req: RecordedRequest, b: Extract<FakeBehaviour, { type: 'reply' }>): string {
  const content = b.content ?? `Reply number ${req.n}, nice to hear from you.`;
  return JSON.stringify({
    id: `chatcmpl-fake-${req.n}`,
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model: b.model ?? req.model,
    choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop', logprobs: null }],
    ...(b.omitUsage
      ? {}
      : {
          usage: {
            prompt_tokens: b.promptTokens ?? 100,
            completion_tokens: b.completionTokens ?? 20,
            total_tokens: (b.promptTokens ?? 100) + (b.completionTokens ?? 20),
          },
        }),
  });
}

export async function startFakeOpenAI(): Promise<FakeOpenAI> {
  const requests: RecordedRequest[] = [];
  let queue: FakeBehaviour[] = [];
  let fallback: FakeBehaviour | ((req: RecordedRequest) => FakeBehaviour) = DEFAULT;
  const sockets = new Set<Socket>();

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (req.method !== 'POST' || !req.url?.endsWith('/chat/completions')) {
        send(res, 404, JSON.stringify({ error: { message: 'not found', type: 'invalid_request_error' } }));
        return;
      }
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<string, unknown>;
      const recorded: RecordedRequest = {
        n: requests.length + 1,
        model: String(body.model ?? ''),
        messages: (body.messages as RecordedRequest['messages']) ?? [],
        body,
        authorization: req.headers.authorization,
        receivedAt: Date.now(),
      };
      requests.push(recorded);
      const b = queue.shift() ?? (typeof fallback === 'function' ? fallback(recorded) : fallback);
      switch (b.type) {
        case 'reply':
          if (b.delayMs)
            setTimeout(() => !res.destroyed && send(res, 200, completion(recorded, b)), b.delayMs);
          else send(res, 200, completion(recorded, b));
          return;
        case 'status': {
          const headers: Record<string, string> = {};
          if (b.retryAfter !== undefined) headers['retry-after'] = b.retryAfter;
          if (b.retryAfterMs !== undefined) headers['retry-after-ms'] = String(b.retryAfterMs);
          const type =
            b.status === 429
              ? 'rate_limit_exceeded'
              : b.status >= 500
                ? 'server_error'
                : 'invalid_request_error';
          send(
            res,
            b.status,
            JSON.stringify({ error: { message: `fake ${b.status}`, type, code: b.code ?? type } }),
            headers,
          );
          return;
        }
        case 'malformed':
          send(res, 200, '{"id": "chatcmpl-broken", "choices": [');
          return;
        case 'hang':
          return;
      }
    });
  });
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    script: (...behaviours) => queue.push(...behaviours),
    setDefault: (b) => {
      fallback = b;
    },
    reset: () => {
      requests.length = 0;
      queue = [];
      fallback = DEFAULT;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/**
 * Jest hooks: a fake server for this file, wired in through OPENAI_BASE_URL / OPENAI_API_KEY (and the config
 * reloaded), reset before each test. Retries are kept short so failure tests stay fast.
 */
export function useFakeOpenAI(env: Record<string, string> = {}): FakeOpenAI {
  let fake: FakeOpenAI | undefined;
  const handle: FakeOpenAI = {
    get url() {
      return must().url;
    },
    get requests() {
      return must().requests;
    },
    script: (...b) => must().script(...b),
    setDefault: (b) => must().setDefault(b),
    reset: () => must().reset(),
    close: () => must().close(),
  };
  function must(): FakeOpenAI {
    if (!fake) throw new Error('fake OpenAI not started yet');
    return fake;
  }
  beforeAll(async () => {
    fake = await startFakeOpenAI();
    Object.assign(process.env, { OPENAI_BASE_URL: fake.url, OPENAI_API_KEY: 'sk-test', ...env });
    const { resetConfig } = await import('@amianai/shared/config');
    resetConfig();
  });
  beforeEach(() => fake?.reset());
  afterAll(async () => {
    delete process.env.OPENAI_BASE_URL;
    delete process.env.OPENAI_API_KEY;
    for (const k of Object.keys(env)) delete process.env[k];
    await fake?.close();
  });
  return handle;
}

/** Things people say in a chat, about as long as each other: the fake model and the scripted human both use them. */
export const HUMAN_LINES = [
  'ha, honestly no idea. been a long day over here',
  'oh nice, I tried that once and it went badly lol',
  'hmm not sure, what made you think of that?',
  'yeah same. my cat woke me up at five again',
  'depends on the weather tbh, I hate the rain',
  'wait really? I always thought it was the other way',
  'lol fair. I should probably eat something soon',
  'kind of? I mean it depends who you ask I guess',
  'no way, that happened to my sister last week',
  "ok that is actually a good point, hadn't thought of it",
];

/** A fake model that answers like a person: one of HUMAN_LINES per request, after a short, varying delay. */
export function humanLike(req: RecordedRequest): FakeBehaviour {
  return {
    type: 'reply',
    content: HUMAN_LINES[(req.n * 7) % HUMAN_LINES.length],
    delayMs: 40 + ((req.n * 37) % 120),
    promptTokens: 180,
    completionTokens: 14,
  };
}
