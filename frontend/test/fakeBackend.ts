// In-memory stand-in for the HTTP API, reached through the real ApiClient via an injected fetch.
// jsdom has no fetch/Response, so responses are minimal objects with the parts the client reads.
import { ApiClient } from '../src/api/client';
import { type Api, createApi } from '../src/api/endpoints';
import type { Conversation, Me, Message, TypingEntry } from '../src/api/types';

/** What the API sends for a persona without an image of its own: a drawn SVG as a data: URI. */
export const DEFAULT_AVATAR = "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg'/%3E";

export interface Call {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: Record<string, string>;
  body: unknown;
}

export function jsonResponse(status: number, body?: unknown, headers: Record<string, string> = {}): Response {
  const text = body === undefined ? '' : JSON.stringify(body);
  const lower = Object.fromEntries(Object.entries(headers).map(([key, value]) => [key.toLowerCase(), value]));
  return {
    status,
    ok: status >= 200 && status < 300,
    statusText: status === 304 ? 'Not Modified' : '',
    headers: { get: (name: string) => lower[name.toLowerCase()] ?? null },
    text: async () => text,
    json: async () => JSON.parse(text) as unknown,
  } as unknown as Response;
}

export type Handler = (call: Call) => Response | 'network-error' | Promise<Response | 'network-error'>;

export function fakeFetch(handler: Handler) {
  const calls: Call[] = [];
  const fetchFn = async (input: string, init: RequestInit = {}): Promise<Response> => {
    const url = new URL(input, 'http://app.test');
    const call: Call = {
      method: init.method ?? 'GET',
      path: url.pathname,
      query: url.searchParams,
      headers: (init.headers ?? {}) as Record<string, string>,
      body: typeof init.body === 'string' ? (JSON.parse(init.body) as unknown) : undefined,
    };
    calls.push(call);
    const result = await handler(call);
    if (result === 'network-error') throw new TypeError('Failed to fetch');
    return result;
  };
  return { fetchFn, calls };
}

export function apiWith(handler: Handler, token = 'test-token'): { api: Api; calls: Call[] } {
  const { fetchFn, calls } = fakeFetch(handler);
  const api = createApi(new ApiClient({ baseUrl: '', getToken: async () => token, fetchFn }));
  return { api, calls };
}

export const ME_ID = 'user-1';
export const MY_PERSONA = 'p-me';
export const OTHER_PERSONA = 'p-ada';
export const CONVERSATION_ID = '0b8e4f1c-6a3d-4c2e-9f5b-1d2c3b4a5e6f';

export function makeConversation(overrides: Partial<Conversation> = {}): Conversation {
  return {
    id: CONVERSATION_ID,
    title: 'Late-night philosophy',
    topic: 'Free will',
    mode: 'chat',
    status: 'active',
    settings: { maxAiTurnsInRow: 3 },
    participants: [
      { personaId: MY_PERSONA, name: 'Sam', avatarUrl: DEFAULT_AVATAR, isMine: true },
      { personaId: OTHER_PERSONA, name: 'Ada', avatarUrl: DEFAULT_AVATAR, isMine: false },
    ],
    messageCount: 0,
    lastMessageAt: null,
    lastActivityAt: '2025-01-01T10:00:00.000Z',
    createdAt: '2025-01-01T10:00:00.000Z',
    endedAt: null,
    round: null,
    ...overrides,
  };
}

export function makeMe(): Me {
  return {
    user: { id: ME_ID, displayName: 'Sam', email: null, role: 'user' },
    personas: [
      {
        id: MY_PERSONA,
        name: 'Sam',
        kind: 'human',
        description: '',
        personality: {
          traits: {
            openness: 50,
            conscientiousness: 50,
            extraversion: 50,
            agreeableness: 50,
            neuroticism: 50,
          },
          summary: '',
        },
        knowledge: [],
        communicationStyle: 'casual',
        avatarUrl: DEFAULT_AVATAR,
        visibility: 'private',
        ai: null,
        ownerId: ME_ID,
        version: 1,
        createdAt: '2025-01-01T00:00:00.000Z',
        updatedAt: '2025-01-01T00:00:00.000Z',
      },
    ],
  };
}

/** A conversation's message routes with idempotent posts, ETags and typing, as docs/api.md describes. */
export class ChatBackend {
  messages: Message[] = [];
  typing: TypingEntry[] = [];
  /** Requests to reply addressed to the caller's personas (shown only to them). */
  requests: Array<{ personaId: string; requestedAt: string }> = [];
  conversation = makeConversation();
  /** Posts that should fail before reaching the "database". */
  failPosts: Array<'network-error' | number> = [];
  /** Asks to reply that fail, with the error the API sends. */
  failAsks: Array<{ status: number; code: string; message: string }> = [];
  /** Posts stored but whose answer is lost on the way back. */
  loseAnswers = 0;
  private seq = 0;

  add(
    personaId: string,
    personaName: string,
    content: string,
    clientMessageId: string | null = null,
  ): Message {
    const message: Message = {
      id: `m-${++this.seq}`,
      conversationId: this.conversation.id,
      seq: this.seq,
      personaId,
      personaName,
      avatarUrl: DEFAULT_AVATAR,
      content,
      kind: 'text',
      // As the API: the field is left out when the message has none.
      ...(clientMessageId ? { clientMessageId } : {}),
      createdAt: new Date(Date.UTC(2025, 0, 1, 10, this.seq)).toISOString(),
    };
    this.messages.push(message);
    return message;
  }

  etagFor(items: Message[]): string {
    return `"${items.map((message) => message.id).join(',')}|${this.typing.map((entry) => entry.personaId).join(',')}|${this.requests.map((r) => r.requestedAt).join(',')}"`;
  }

  handler: Handler = (call) => {
    const base = `/api/conversations/${this.conversation.id}`;
    if (call.method === 'GET' && call.path === base) return jsonResponse(200, this.conversation);
    if (call.method === 'PUT' && call.path === base) {
      this.conversation = { ...this.conversation, title: (call.body as { title: string }).title.trim() };
      return jsonResponse(200, this.conversation);
    }
    if (call.method === 'GET' && call.path === '/api/me') return jsonResponse(200, makeMe());
    if (call.path === `${base}/messages` && call.method === 'GET') {
      const after = call.query.get('after');
      if (after !== null) {
        const items = this.messages.filter((message) => message.seq > Number(after));
        const etag = this.etagFor(items);
        if (call.headers['If-None-Match'] === etag) return jsonResponse(304, undefined, { ETag: etag });
        return jsonResponse(
          200,
          { items, nextCursor: null, typing: this.typing, requests: this.requests },
          { ETag: etag },
        );
      }
      return jsonResponse(200, {
        items: this.messages.slice(-20),
        nextCursor: null,
        typing: this.typing,
        requests: this.requests,
      });
    }
    if (call.path === `${base}/messages` && call.method === 'POST') {
      const failure = this.failPosts.shift();
      if (failure === 'network-error') return 'network-error';
      if (typeof failure === 'number') {
        return jsonResponse(failure, {
          error: { code: 'failed', message: `Failed with ${failure}`, requestId: 'req-9' },
        });
      }
      const body = call.body as { personaId: string; content: string; clientMessageId: string };
      const existing = this.messages.find((message) => message.clientMessageId === body.clientMessageId);
      const stored = existing ?? this.add(body.personaId, 'Sam', body.content, body.clientMessageId);
      if (this.loseAnswers > 0) {
        this.loseAnswers--;
        return 'network-error';
      }
      return jsonResponse(existing ? 200 : 201, stored);
    }
    if (call.path === `${base}/typing`) return jsonResponse(204);
    if (call.path === '/api/ai/generate-response') {
      const failure = this.failAsks.shift();
      if (failure) return jsonResponse(failure.status, { error: { ...failure, requestId: 'req-ask' } });
      // As the API does for anyone: 202 now, and whatever reply comes arrives through the feed later.
      const personaId = (call.body as { personaId: string }).personaId;
      this.add(personaId, 'Ada', 'I was asked to reply.');
      return jsonResponse(202, { requestedAt: new Date().toISOString() });
    }
    return jsonResponse(404, {
      error: { code: 'not_found', message: `No route ${call.method} ${call.path}`, requestId: 'req-404' },
    });
  };
}
