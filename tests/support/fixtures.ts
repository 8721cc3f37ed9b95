/**
 * Everything a test sets up, under one vocabulary:
 * - `player` / `Player`: a signed-in user with their default human persona; `newCaller` / `TestCaller`: an
 *   identity that has not signed in yet; `Who`: either, or nobody.
 * - `aiPersona` / `humanPersona`: persona rows stored directly; `aiPersonaBody` / `humanPersonaBody`: valid
 *   API bodies; `createPersona` and `personasApi` go through the personas API.
 * - `conversation`, `post`, `listMessages`, `callConversations`: through the conversations API, as a client.
 * - `seedConversation`, `seedPost`, `seedAiMessage`: stored directly, for the engine's tests and setups the
 *   API refuses; `chatWithAi`, `pendingReply`: a chat with a new AI persona, and its first reply job.
 * - `job`, `jobsOf`, `makeRead`, `makeDue`, `makeStale`, `deliver`: reply jobs and the worker.
 * - `call` / `callerFor`: any handler as a given caller; `callGames`, and `manualClock`: the games clock.
 * - `useTestDatabase`, `useFakeOpenAI`, `useFakeReplyQueue`, `useLocalApp`: per-file services.
 */
export * from './api';
export * from './app-server';
export * from './conversations';
export * from './database';
export * from './events';
export * from './fake-openai';
export * from './fake-reply-queue';
export * from './games';
export * from './personas';
export * from './players';
export * from './replies';
export * from './websocket';
