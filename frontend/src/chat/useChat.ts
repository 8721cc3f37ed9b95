// Live state of one conversation: history, polling with ETags, optimistic sends with idempotent
// retries, typing indicators and heartbeats, "ask to reply" (and being asked).
import { useCallback, useEffect, useMemo, useReducer, useRef, useState } from 'react';
import { ApiError } from '../api/client';
import type { Api } from '../api/endpoints';
import type { ReplyRequestEntry, TypingEntry } from '../api/types';
import { useLiveUpdates } from '../realtime/useLiveUpdates';
import { describeError } from '../ui/ErrorNotice';
import { createPoller, createThrottle, type Poller } from './poller';
import { initialTimeline, newClientMessageId, pollAfterSeq, timelineReducer } from './timeline';

export const TYPING_HEARTBEAT_MS = 3000;
const SEND_ATTEMPTS = 3;

export interface ChatOptions {
  /** Personas the caller controls here; their own typing is not shown back to them. */
  myPersonaIds: ReadonlySet<string>;
  pollIntervalMs?: number;
  retryDelayMs?: number;
}

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * What a failed "ask to reply" says, whoever was asked: the API's own words could name what the participant
 * is, and the button must tell a player nothing about that. The request id stays for support.
 */
export function askFailure(error: unknown): ApiError {
  const status = error instanceof ApiError ? error.status : 0;
  const requestId = error instanceof ApiError ? error.requestId : null;
  const message =
    status === 429
      ? 'You are asking too often. Wait a moment and try again.'
      : 'Could not ask for a reply just now. Try again in a moment.';
  return new ApiError(status, 'ask_failed', message, [], requestId);
}
/** How long "Asked X to reply" stays up after the request was taken. */
export const ASKED_NOTICE_MS = 4000;

export function useChat(api: Api, conversationId: string, options: ChatOptions) {
  const [state, dispatch] = useReducer(timelineReducer, initialTimeline);
  const stateRef = useRef(state);
  stateRef.current = state;
  const [typing, setTyping] = useState<TypingEntry[]>([]);
  const typingRef = useRef(typing);
  typingRef.current = typing;
  const [loadError, setLoadError] = useState<unknown>(null);
  const [pollError, setPollError] = useState<unknown>(null);
  const [loadingOlder, setLoadingOlder] = useState(false);
  const [asking, setAsking] = useState<string | null>(null);
  const [asked, setAsked] = useState<string | null>(null);
  const [requests, setRequests] = useState<ReplyRequestEntry[]>([]);
  const [actionError, setActionError] = useState<unknown>(null);
  const pollerRef = useRef<Poller | null>(null);
  const etagRef = useRef<{ after: number; etag: string } | null>(null);
  const throttle = useMemo(() => createThrottle(TYPING_HEARTBEAT_MS), []);
  const { myPersonaIds, pollIntervalMs, retryDelayMs = 600 } = options;
  const mineRef = useRef(myPersonaIds);
  mineRef.current = myPersonaIds;

  const showTyping = useCallback((entries: TypingEntry[] | undefined) => {
    const others = (entries ?? []).filter((entry) => !mineRef.current.has(entry.personaId));
    setTyping((current) =>
      current.length === others.length &&
      current.every((entry, index) => entry.personaId === others[index]?.personaId)
        ? current
        : others,
    );
  }, []);

  const showRequests = useCallback((entries: ReplyRequestEntry[] | undefined) => {
    const next = entries ?? [];
    setRequests((current) =>
      current.length === next.length &&
      current.every((entry, index) => entry.requestedAt === next[index]?.requestedAt)
        ? current
        : next,
    );
  }, []);

  // Pushed events feed the same reducer and typing state as polls; polling slows to a safety net meanwhile.
  const liveUpdates = useLiveUpdates(conversationId, {
    received: (items) => dispatch({ type: 'received', items, now: Date.now() }),
    showTyping,
    showRequests,
    stoppedTyping: (personaId) => {
      const left = typingRef.current.filter((t) => t.personaId !== personaId);
      if (left.length !== typingRef.current.length) setTyping(left);
      return left.length;
    },
    lastSeq: () => stateRef.current.messages.at(-1)?.seq ?? 0,
    pollNow: () => pollerRef.current?.pollNow(),
  });
  const { pace } = liveUpdates;

  const tick = useCallback(
    async (signal: AbortSignal): Promise<boolean> => {
      if (liveUpdates.skipPoll()) return false;
      let after = pollAfterSeq(stateRef.current, Date.now());
      const etag = etagRef.current?.after === after ? etagRef.current.etag : null;
      let result = await api.pollMessages(conversationId, after, etag, signal);
      if (result.notModified) return false;
      etagRef.current = result.etag ? { after, etag: result.etag } : null;
      const known = new Set(stateRef.current.messages.map((message) => message.id));
      let changed = result.data.items.some((message) => !known.has(message.id));
      dispatch({ type: 'received', items: result.data.items, now: Date.now() });
      showTyping(result.data.typing);
      showRequests(result.data.requests);
      liveUpdates.recheckTyping(false);
      // A full page means more are waiting; follow until caught up so a backlog never stalls the view.
      while (result.notModified === false && result.data.nextCursor && result.data.items.length > 0) {
        after = Math.max(...result.data.items.map((message) => message.seq));
        result = await api.pollMessages(conversationId, after, null, signal);
        if (result.notModified) break;
        changed = changed || result.data.items.length > 0;
        dispatch({ type: 'received', items: result.data.items, now: Date.now() });
        showTyping(result.data.typing);
      }
      return changed;
    },
    [api, conversationId, showTyping, showRequests, liveUpdates.recheckTyping, liveUpdates.skipPoll],
  );

  useEffect(() => {
    let cancelled = false;
    etagRef.current = null;
    setLoadError(null);
    const poller = createPoller({
      tick,
      intervalMs: pace(pollIntervalMs ?? 2000),
      activeIntervalMs: pace(1000),
      onError: (error) => setPollError(error),
      onRecovered: () => setPollError(null),
    });
    pollerRef.current = poller;
    api.listMessages(conversationId).then(
      (page) => {
        if (cancelled) return;
        dispatch({ type: 'loaded', page, now: Date.now() });
        showTyping(page.typing);
        poller.start();
      },
      (error: unknown) => {
        if (!cancelled) setLoadError(error);
      },
    );
    return () => {
      cancelled = true;
      poller.stop();
      pollerRef.current = null;
    };
  }, [api, conversationId, tick, pollIntervalMs, showTyping, pace]);

  const deliver = useCallback(
    async (clientMessageId: string, personaId: string, content: string) => {
      for (let attempt = 1; ; attempt++) {
        try {
          const message = await api.postMessage(conversationId, { personaId, content, clientMessageId });
          dispatch({ type: 'sendSucceeded', clientMessageId, message, now: Date.now() });
          throttle.reset();
          pollerRef.current?.pollNow();
          return;
        } catch (error) {
          const retryable = !(error instanceof ApiError) || error.isRetryable;
          // The same clientMessageId makes a repeat idempotent, so retrying a lost answer is safe.
          if (retryable && attempt < SEND_ATTEMPTS) {
            await wait(retryDelayMs * attempt);
            continue;
          }
          const { message, requestId } = describeError(error);
          const text = requestId ? `${message} (request ${requestId})` : message;
          dispatch({ type: 'sendFailed', clientMessageId, error: text, retryable });
          return;
        }
      }
    },
    [api, conversationId, retryDelayMs, throttle],
  );

  const send = useCallback(
    (persona: { id: string; name: string }, content: string) => {
      const clientMessageId = newClientMessageId();
      dispatch({
        type: 'sendStarted',
        message: {
          clientMessageId,
          personaId: persona.id,
          personaName: persona.name,
          content,
          createdAt: new Date().toISOString(),
          status: 'sending',
          error: null,
          retryable: true,
        },
      });
      return deliver(clientMessageId, persona.id, content);
    },
    [deliver],
  );

  const retry = useCallback(
    (clientMessageId: string) => {
      const pending = stateRef.current.pending.find((message) => message.clientMessageId === clientMessageId);
      if (!pending) return Promise.resolve();
      dispatch({ type: 'retryStarted', clientMessageId });
      return deliver(clientMessageId, pending.personaId, pending.content);
    },
    [deliver],
  );

  const discard = useCallback(
    (clientMessageId: string) => dispatch({ type: 'discard', clientMessageId }),
    [],
  );

  const notifyTyping = useCallback(
    (personaId: string) => {
      if (!throttle.ready()) return;
      api.sendTyping(conversationId, personaId).catch(() => {
        // Heartbeats are best effort; a lost one only shortens the indicator.
      });
    },
    [api, conversationId, throttle],
  );

  const loadOlder = useCallback(async () => {
    const cursor = stateRef.current.olderCursor;
    if (!cursor || loadingOlder) return;
    setLoadingOlder(true);
    try {
      const page = await api.listMessages(conversationId, cursor);
      dispatch({ type: 'olderLoaded', page, now: Date.now() });
    } catch (error) {
      setActionError(error);
    } finally {
      setLoadingOlder(false);
    }
  }, [api, conversationId, loadingOlder]);

  const askToReply = useCallback(
    async (personaId: string) => {
      setAsking(personaId);
      setActionError(null);
      try {
        // The answer is the same whoever was asked: the reply, if any, arrives through the feed.
        await api.askToReply(conversationId, personaId);
        setAsked(personaId);
        setTimeout(() => setAsked((current) => (current === personaId ? null : current)), ASKED_NOTICE_MS);
        pollerRef.current?.pollNow();
      } catch (error) {
        setActionError(askFailure(error));
      } finally {
        setAsking(null);
      }
    },
    [api, conversationId],
  );

  return {
    state,
    typing,
    loadError,
    pollError,
    /** The socket has been down a while: updates come by polling until it is back. */
    liveTrouble: liveUpdates.trouble,
    loadingOlder,
    asking,
    asked,
    requests,
    actionError,
    clearActionError: () => setActionError(null),
    send,
    retry,
    discard,
    notifyTyping,
    loadOlder,
    askToReply,
    pollNow: () => pollerRef.current?.pollNow(),
  };
}
