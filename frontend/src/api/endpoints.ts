// One function per API route, so screens never build URLs by hand. Paths, parameters, bodies and answers
// are checked against the generated OpenAPI types: a route the API renames or reshapes fails the type check.
import type { ApiClient, ConditionalResult } from './client';
import type { paths } from './schema';
import type {
  BodyOf,
  ConversationFilters,
  ConversationInput,
  MessageInput,
  Page,
  PathParamsOf,
  PathsWith,
  Persona,
  PersonaFilters,
  PersonaInput,
  PersonaUpdate,
  QueryOf,
  ResponseOf,
} from './types';

type Method = 'get' | 'post' | 'put' | 'delete';

/** What one call sends: the path's parameters (required when the path has any), query, body, signal. */
type Init<P extends keyof paths, M extends Method> = {
  query?: QueryOf<P, M>;
  body?: BodyOf<P, M>;
  signal?: AbortSignal;
} & (NonNullable<paths[P][M]> extends { parameters: { path: object } }
  ? { path: PathParamsOf<P, M> }
  : unknown);

/** '/api/personas/{id}' + { id } → '/api/personas/<id, encoded>'. */
export function fillPath(template: string, params: object | undefined): string {
  const values = (params ?? {}) as Record<string, string | number>;
  return template.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(String(values[name] ?? '')));
}

/**
 * The one typed way to call a route: `call('get', '/api/personas/{id}', { path: { id } })` answers the
 * route's success body. Shared by the app's endpoints below and each area's own (games/gamesApi.ts).
 */
export function typedCall(client: ApiClient) {
  return <M extends Method, P extends PathsWith<M>>(method: M, template: P, init: Init<P, M>) =>
    client.request<ResponseOf<P, M>>(
      method.toUpperCase(),
      fillPath(template, (init as { path?: object }).path),
      init,
    );
}

export function createApi(client: ApiClient) {
  const call = typedCall(client);

  return {
    client,
    me: (signal?: AbortSignal) => call('get', '/api/me', { signal }),
    usage: (signal?: AbortSignal) => call('get', '/api/usage', { signal }),

    // Either view of a persona, as one type with the owner-only fields optional (see Persona).
    listPersonas: (query: PersonaFilters = {}, signal?: AbortSignal): Promise<Page<Persona>> =>
      call('get', '/api/personas', { query, signal }),
    getPersona: (id: string, signal?: AbortSignal): Promise<Persona> =>
      call('get', '/api/personas/{id}', { path: { id }, signal }),
    createPersona: (body: PersonaInput) => call('post', '/api/personas', { body }),
    updatePersona: (id: string, body: PersonaUpdate) =>
      call('put', '/api/personas/{id}', { path: { id }, body }),
    deletePersona: (id: string) => call('delete', '/api/personas/{id}', { path: { id } }),

    listConversations: (query: ConversationFilters = {}, signal?: AbortSignal) =>
      call('get', '/api/conversations', { query, signal }),
    getConversation: (id: string, signal?: AbortSignal) =>
      call('get', '/api/conversations/{id}', { path: { id }, signal }),
    createConversation: (body: ConversationInput) => call('post', '/api/conversations', { body }),
    renameConversation: (id: string, title: string) =>
      call('put', '/api/conversations/{id}', { path: { id }, body: { title } }),
    endConversation: (id: string) => call('post', '/api/conversations/{id}/end', { path: { id }, body: {} }),

    /** Latest page (no cursor) or an older page (cursor from a previous page). */
    listMessages: (id: string, cursor?: string | null, signal?: AbortSignal) =>
      call('get', '/api/conversations/{id}/messages', {
        path: { id },
        query: cursor ? { cursor } : {},
        signal,
      }),
    /** Messages after `seq`, with If-None-Match so an idle poll costs a 304. */
    pollMessages: (
      id: string,
      after: number,
      etag: string | null,
      signal?: AbortSignal,
    ): Promise<ConditionalResult<ResponseOf<'/api/conversations/{id}/messages', 'get'>>> =>
      client.getConditional(fillPath('/api/conversations/{id}/messages', { id }), etag, {
        query: { after } satisfies QueryOf<'/api/conversations/{id}/messages', 'get'>,
        signal,
      }),
    postMessage: (id: string, body: MessageInput) =>
      call('post', '/api/conversations/{id}/messages', { path: { id }, body }),
    sendTyping: (id: string, personaId: string) =>
      call('post', '/api/conversations/{id}/typing', { path: { id }, body: { personaId } }),
    askToReply: (conversationId: string, personaId: string) =>
      call('post', '/api/ai/generate-response', { body: { conversationId, personaId } }),

    databaseStatus: (signal?: AbortSignal) => call('get', '/api/admin/database-status', { signal }),
    setupDatabase: () => call('post', '/api/admin/setup-database', { body: {} }),
    seedDatabase: (confirmProduction = false) =>
      call('post', '/api/admin/seed-database', { body: confirmProduction ? { confirmProduction } : {} }),
  };
}

export type Api = ReturnType<typeof createApi>;
