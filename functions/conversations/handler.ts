/**
 * Conversations function: conversations, their messages and typing indicators (DESIGN §6).
 * Thin: validates through the route schemas, identifies the caller, hands off to plain functions.
 */
import { authenticate } from '@amianai/shared/auth';
import { apiHandler, created, IdParams, noContent, ok, Router } from '@amianai/shared/http';
import {
  createConversation,
  endConversation,
  getConversation,
  listConversations,
  renameConversation,
} from './conversations';
import { conditional } from './etag';
import { heartbeatTyping, listMessages, postMessage } from './messages';
import {
  ConversationPage,
  ConversationView,
  CreateConversationBody,
  EndConversationBody,
  ListConversationsQuery,
  ListMessagesQuery,
  MessagePage,
  MessageView,
  PostMessageBody,
  RenameConversationBody,
  TypingBody,
} from './schemas';

export const router = new Router()
  .get(
    '/api/conversations',
    {
      query: ListConversationsQuery,
      summary: "The caller's conversations, newest activity first",
      responses: { 200: ConversationPage },
    },
    async (req) => ok(await listConversations(await authenticate(req.event), req.query)),
  )
  .post(
    '/api/conversations',
    {
      body: CreateConversationBody,
      summary: 'Start a conversation between 2–8 personas, one of them your own human persona',
      responses: { 201: ConversationView },
      errors: [429],
    },
    async (req) => created(await createConversation(await authenticate(req.event), req.body)),
  )
  .get(
    '/api/conversations/{id}',
    {
      params: IdParams,
      summary: 'A conversation with its participants',
      responses: { 200: ConversationView },
    },
    async (req) => ok(await getConversation(await authenticate(req.event), req.params.id)),
  )
  .put(
    '/api/conversations/{id}',
    {
      params: IdParams,
      body: RenameConversationBody,
      summary: 'Rename a conversation (any participant, or an admin)',
      responses: { 200: ConversationView },
      errors: [429],
    },
    async (req) => ok(await renameConversation(await authenticate(req.event), req.params.id, req.body)),
  )
  .post(
    '/api/conversations/{id}/end',
    {
      params: IdParams,
      body: EndConversationBody,
      summary: 'End a conversation (idempotent)',
      responses: { 200: ConversationView },
      errors: [429],
    },
    async (req) => ok(await endConversation(await authenticate(req.event), req.params.id)),
  )
  .get(
    '/api/conversations/{id}/messages',
    {
      params: IdParams,
      query: ListMessagesQuery,
      summary: 'Messages: newest page, older pages by cursor, or newer ones with ?after=<seq>; ETag/304',
      responses: { 200: MessagePage, 304: null },
    },
    async (req) =>
      conditional(
        await listMessages(await authenticate(req.event), req.params.id, req.query),
        req.header('if-none-match'),
      ),
  )
  .post(
    '/api/conversations/{id}/messages',
    {
      params: IdParams,
      body: PostMessageBody,
      summary:
        'Post as one of your human personas; a repeated clientMessageId returns the stored message (200)',
      responses: { 201: MessageView, 200: MessageView },
      errors: [403, 409, 429],
    },
    async (req) => {
      const { message, created: isNew } = await postMessage(
        await authenticate(req.event),
        req.params.id,
        req.body,
      );
      return isNew ? created(message) : ok(message);
    },
  )
  .post(
    '/api/conversations/{id}/typing',
    {
      params: IdParams,
      body: TypingBody,
      summary: 'Typing heartbeat: shows the persona as typing for a few seconds',
      responses: { 204: null },
      errors: [403, 409],
    },
    async (req) => {
      await heartbeatTyping(await authenticate(req.event), req.params.id, req.body.personaId);
      return noContent();
    },
  );

export const handler = apiHandler(router);
