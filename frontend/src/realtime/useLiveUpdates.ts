// What useChat needs from the socket: pushed messages, typing and requests to reply applied to the same state polling feeds,
// a catch-up poll after every (re)subscription and whenever a pushed message leaves a gap, a re-check
// poll when a typing list goes quiet (it may have expired without an event), and the polling pace:
// a slow safety net while the socket carries the conversation, the normal pace otherwise.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Message, ReplyRequestEntry, TypingEntry } from '../api/types';
import { SAFETY_NET_POLL_MS, TROUBLE_AFTER_MS, TYPING_RECHECK_MS } from './pace';
import { useConversationEvents } from './useConversationEvents';

export { SAFETY_NET_POLL_MS, TROUBLE_AFTER_MS, TYPING_RECHECK_MS };

export interface LiveTargets {
  received(items: Message[]): void;
  showTyping(entries: TypingEntry[]): void;
  /** Someone asked a persona you play to reply: the whole list, as a poll returns it. */
  showRequests(entries: ReplyRequestEntry[]): void;
  /** Someone's message arrived: they are no longer typing it. Returns how many are still shown typing. */
  stoppedTyping(personaId: string | null): number;
  /** Highest seq shown so far (0 before the first page). */
  lastSeq(): number;
  pollNow(): void;
}

export function useLiveUpdates(conversationId: string, targets: LiveTargets) {
  const targetsRef = useRef(targets);
  targetsRef.current = targets;
  /** When the socket last brought anything for this conversation, and whether a poll was asked for. */
  const lastEventAt = useRef(0);
  const wanted = useRef(false);
  const catchUp = useCallback(() => {
    wanted.current = true;
    targetsRef.current.pollNow();
  }, []);
  const typingTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const recheckTyping = useCallback(
    (shown: boolean) => {
      if (typingTimer.current !== null) clearTimeout(typingTimer.current);
      typingTimer.current = shown ? setTimeout(catchUp, TYPING_RECHECK_MS) : null;
    },
    [catchUp],
  );

  const { live, state } = useConversationEvents(conversationId, {
    onEvent: (event) => {
      const t = targetsRef.current;
      lastEventAt.current = Date.now();
      if (event.type === 'message') {
        const last = t.lastSeq();
        t.received([event.message]);
        if (t.stoppedTyping(event.message.personaId) === 0) recheckTyping(false);
        if (last > 0 && event.message.seq > last + 1) catchUp();
      } else if (event.type === 'typing') {
        t.showTyping(event.typing);
        recheckTyping(event.typing.length > 0);
      } else if (event.type === 'requests') {
        t.showRequests(event.requests);
      }
    },
    onCatchUp: catchUp,
  });
  const liveRef = useRef(live);
  liveRef.current = live;

  const [trouble, setTrouble] = useState(false);
  useEffect(() => {
    if (state !== 'down') {
      setTrouble(false);
      return;
    }
    const timer = setTimeout(() => setTrouble(true), TROUBLE_AFTER_MS);
    return () => clearTimeout(timer);
  }, [state]);
  useEffect(() => () => recheckTyping(false), [recheckTyping]);

  /**
   * Whether the poll due now can be skipped: the socket carries the conversation and brought something
   * within the safety-net interval, and nobody asked for a catch-up. The safety net is for quiet spells:
   * a missed message is otherwise noticed at once as a seq gap in the next one.
   */
  const skipPoll = useCallback((): boolean => {
    if (wanted.current || !liveRef.current) {
      wanted.current = false;
      return false;
    }
    return Date.now() - lastEventAt.current < SAFETY_NET_POLL_MS;
  }, []);

  /** Polling pace for the poller: read before each wait. */
  const pace = useCallback((normalMs: number) => () => (liveRef.current ? SAFETY_NET_POLL_MS : normalMs), []);
  return { live, trouble, pace, recheckTyping, skipPoll };
}
