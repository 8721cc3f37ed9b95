/**
 * Conversations: create, list, read and end them; post messages (race-free sequence numbers, idempotent
 * client ids, reply jobs in the same transaction); the polling feed; typing; and the one message view with
 * its game-integrity rule.
 */
export {
  createConversation,
  endConversation,
  getConversation,
  listConversations,
  renameConversation,
  requiredText,
  viewerOf,
  visibleConversation,
} from './conversations';
export { MessageView } from './message-schema';
export { type Message, type MessageFacts, toMessageView, type Viewer } from './message-view';
export { heartbeatTyping, listMessages, type PostResult, postMessage } from './messages';
export * from './schemas';
export {
  allocateSequence,
  CONVERSATIONS_COUNT_SQL,
  insertPastConversationOnce,
  lockConversation,
  MESSAGES_COUNT_SQL,
  type PastConversation,
} from './store';
