// What useChat needs from the socket: pushed messages and typing applied to the same state polling feeds,
// a catch-up poll after every (re)subscription and whenever a pushed message leaves a gap, a re-check
// poll when a typing list goes quiet (it may have expired without an event), and the polling pace:
// a slow safety net while the socket carries the conversation, the normal pace otherwise.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Message, TypingEntry } from '../api/types';
import { useConversationEvents } from './useConversationEvents';

/** Safety-net polling while the socket is up (the design asks for no faster than 15 s). */
export const SAFETY_NET_POLL_MS = 30_000;
/** A shown typing list with no news for this long is checked over HTTP (heartbeats expire after 6 s). */
export const TYPING_RECHECK_MS = 8_000;
/** The socket must stay down this long before the page says so; polling covers short blips. */
export const TROUBLE_AFTER_MS = 10_000;

export interface LiveTargets {
  received(items: Message[]): void;
  showTyping(entries: TypingEntry[]): void;
  /** Someone's message arrived: they are no longer typing it. */
  stoppedTyping(personaId: string | null): void;
  /** Highest seq shown so far (0 before the first page). */
  lastSeq(): number;
  pollNow(): void;
}

export function useLiveUpdates(conversationId: string, targets: LiveTargets) {
  const targetsRef = useRef(targets);
  targetsRef.current = targets;
  const typingTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const recheckTyping = useCallback((shown: boolean) => {
    if (typingTimer.current !== null) clearTimeout(typingTimer.current);
    typingTimer.current = shown ? setTimeout(() => targetsRef.current.pollNow(), TYPING_RECHECK_MS) : null;
  }, []);

  const { live, state } = useConversationEvents(conversationId, {
    onEvent: (event) => {
      const t = targetsRef.current;
      if (event.type === 'message') {
        const last = t.lastSeq();
        t.received([event.message]);
        t.stoppedTyping(event.message.personaId);
        if (last > 0 && event.message.seq > last + 1) t.pollNow();
      } else if (event.type === 'typing') {
        t.showTyping(event.typing);
        recheckTyping(event.typing.length > 0);
      }
    },
    onCatchUp: () => targetsRef.current.pollNow(),
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

  /** Polling pace for the poller: read before each wait. */
  const pace = useCallback((normalMs: number) => () => (liveRef.current ? SAFETY_NET_POLL_MS : normalMs), []);
  return { live, trouble, pace, recheckTyping };
}
