/** The conversations function's routes: conversations, their messages and typing indicators. */
import {
  ConversationPage,
  ConversationView,
  CreateConversationBody,
  createConversation,
  EndConversationBody,
  endConversation,
  getConversation,
  heartbeatTyping,
  ListConversationsQuery,
  ListMessagesQuery,
  listConversations,
  listMessages,
  MessagePage,
  MessageView,
  PostMessageBody,
  postMessage,
  RenameConversationBody,
  renameConversation,
  TypingBody,
} from '@amianai/core/conversations';
import { created, IdParams, noContent, ok, Router } from '@amianai/shared/http';
import { conditional } from './etag';

export const router = new Router()
  .get(
    '/api/conversations',
    {
      auth: 'user',
      query: ListConversationsQuery,
      summary: "The caller's conversations, newest activity first",
      responses: { 200: ConversationPage },
    },
    async (req) => ok(await listConversations(req.auth, req.query)),
  )
  .post(
    '/api/conversations',
    {
      auth: 'user',
      body: CreateConversationBody,
      summary: 'Start a conversation between 2–8 personas, one of them your own human persona',
      responses: { 201: ConversationView },
      errors: [429],
    },
    async (req) => created(await createConversation(req.auth, req.body)),
  )
  .get(
    '/api/conversations/{id}',
    {
      auth: 'user',
      params: IdParams,
      summary: 'A conversation with its participants',
      responses: { 200: ConversationView },
    },
    async (req) => ok(await getConversation(req.auth, req.params.id)),
  )
  .put(
    '/api/conversations/{id}',
    {
      auth: 'user',
      params: IdParams,
      body: RenameConversationBody,
      summary: 'Rename a conversation (any participant, or an admin)',
      responses: { 200: ConversationView },
      errors: [429],
    },
    async (req) => ok(await renameConversation(req.auth, req.params.id, req.body)),
  )
  .post(
    '/api/conversations/{id}/end',
    {
      auth: 'user',
      params: IdParams,
      body: EndConversationBody,
      summary: 'End a conversation (idempotent)',
      responses: { 200: ConversationView },
      errors: [429],
    },
    async (req) => ok(await endConversation(req.auth, req.params.id)),
  )
  .get(
    '/api/conversations/{id}/messages',
    {
      auth: 'user',
      params: IdParams,
      query: ListMessagesQuery,
      summary: 'Messages: newest page, older pages by cursor, or newer ones with ?after=<seq>; ETag/304',
      responses: { 200: MessagePage, 304: null },
    },
    async (req) =>
      conditional(await listMessages(req.auth, req.params.id, req.query), req.header('if-none-match')),
  )
  .post(
    '/api/conversations/{id}/messages',
    {
      auth: 'user',
      params: IdParams,
      body: PostMessageBody,
      summary:
        'Post as one of your human personas; a repeated clientMessageId returns the stored message (200)',
      responses: { 201: MessageView, 200: MessageView },
      errors: [403, 409, 429],
    },
    async (req) => {
      const { message, created: isNew } = await postMessage(req.auth, req.params.id, req.body);
      return isNew ? created(message) : ok(message);
    },
  )
  .post(
    '/api/conversations/{id}/typing',
    {
      auth: 'user',
      params: IdParams,
      body: TypingBody,
      summary: 'Typing heartbeat: shows the persona as typing for a few seconds',
      responses: { 204: null },
      errors: [403, 409],
    },
    async (req) => {
      await heartbeatTyping(req.auth, req.params.id, req.body.personaId);
      return noContent();
    },
  );
