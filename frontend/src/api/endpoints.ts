// One typed function per API route (docs/api.md), so screens never build URLs by hand.
import type { ApiClient, ConditionalResult } from './client';
import type {
  Conversation,
  ConversationInput,
  ConversationStatus,
  Me,
  Message,
  MessagePage,
  Page,
  Persona,
  PersonaInput,
  PersonaUpdate,
  Usage,
} from './types';

export interface PersonaFilters {
  q?: string;
  style?: string;
  knowledge?: string;
  kind?: string;
  cursor?: string | null;
  limit?: number;
}

export type AdminResult = Record<string, unknown>;

const id = (value: string) => encodeURIComponent(value);

export function createApi(client: ApiClient) {
  return {
    client,
    me: () => client.get<Me>('/api/me'),
    usage: () => client.get<Usage>('/api/usage'),

    listPersonas: (filters: PersonaFilters = {}, signal?: AbortSignal) =>
      client.get<Page<Persona>>('/api/personas', { query: { ...filters }, signal }),
    getPersona: (personaId: string) => client.get<Persona>(`/api/personas/${id(personaId)}`),
    createPersona: (input: PersonaInput) => client.post<Persona>('/api/personas', input),
    updatePersona: (personaId: string, update: PersonaUpdate) =>
      client.put<Persona>(`/api/personas/${id(personaId)}`, update),
    deletePersona: (personaId: string) => client.delete<unknown>(`/api/personas/${id(personaId)}`),

    listConversations: (filters: { status?: ConversationStatus | ''; cursor?: string | null } = {}) =>
      client.get<Page<Conversation>>('/api/conversations', { query: { ...filters } }),
    getConversation: (conversationId: string) =>
      client.get<Conversation>(`/api/conversations/${id(conversationId)}`),
    createConversation: (input: ConversationInput) => client.post<Conversation>('/api/conversations', input),
    renameConversation: (conversationId: string, title: string) =>
      client.put<Conversation>(`/api/conversations/${id(conversationId)}`, { title }),
    endConversation: (conversationId: string) =>
      client.post<Conversation>(`/api/conversations/${id(conversationId)}/end`, {}),

    /** Latest page (no cursor) or an older page (cursor from a previous page). */
    listMessages: (conversationId: string, cursor?: string | null) =>
      client.get<MessagePage>(`/api/conversations/${id(conversationId)}/messages`, { query: { cursor } }),
    /** Messages after `seq`, with If-None-Match so an idle poll costs a 304. */
    pollMessages: (
      conversationId: string,
      after: number,
      etag: string | null,
      signal?: AbortSignal,
    ): Promise<ConditionalResult<MessagePage>> =>
      client.getConditional<MessagePage>(`/api/conversations/${id(conversationId)}/messages`, etag, {
        query: { after },
        signal,
      }),
    postMessage: (
      conversationId: string,
      body: { personaId: string; content: string; clientMessageId: string },
    ) => client.post<Message>(`/api/conversations/${id(conversationId)}/messages`, body),
    sendTyping: (conversationId: string, personaId: string) =>
      client.post<unknown>(`/api/conversations/${id(conversationId)}/typing`, { personaId }),
    askToReply: (conversationId: string, personaId: string) =>
      client.post<Message>('/api/ai/generate-response', { conversationId, personaId }),

    databaseStatus: () => client.get<AdminResult>('/api/admin/database-status'),
    setupDatabase: () => client.post<AdminResult>('/api/admin/setup-database', {}),
    seedDatabase: (confirmProduction = false) =>
      client.post<AdminResult>('/api/admin/seed-database', confirmProduction ? { confirmProduction } : {}),
  };
}

export type Api = ReturnType<typeof createApi>;
