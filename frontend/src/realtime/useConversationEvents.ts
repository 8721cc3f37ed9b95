// Follows one conversation over the socket for useChat: events in, "catch up now" after every
// (re)subscription, and whether the socket currently carries this conversation (then polling slows down).
import { useEffect, useRef, useState } from 'react';
import { useRealtime } from './RealtimeProvider';
import type { ServerEvent, SocketState } from './socket';

export interface ConversationEventHandlers {
  onEvent(event: ServerEvent): void;
  /** Fetch what may have been missed (?after=). */
  onCatchUp(): void;
}

export function useConversationEvents(conversationId: string, handlers: ConversationEventHandlers) {
  const socket = useRealtime();
  const handlersRef = useRef(handlers);
  handlersRef.current = handlers;
  const [live, setLive] = useState(false);
  const [state, setState] = useState<SocketState | null>(socket?.current ?? null);
  useEffect(() => {
    if (!socket) {
      setState(null);
      setLive(false);
      return;
    }
    setState(socket.current);
    const offState = socket.onState((next) => {
      setState(next);
      if (next !== 'open') {
        // Back to polling at its normal pace, starting with a catch-up.
        setLive(false);
        handlersRef.current.onCatchUp();
      }
    });
    const unfollow = socket.follow(conversationId, {
      onEvent: (event) => {
        if (event.type === 'error' && event.action === 'subscribe') setLive(false);
        handlersRef.current.onEvent(event);
      },
      onLive: () => {
        setLive(true);
        handlersRef.current.onCatchUp();
      },
    });
    return () => {
      offState();
      unfollow();
      setLive(false);
    };
  }, [socket, conversationId]);
  return { live, state };
}
