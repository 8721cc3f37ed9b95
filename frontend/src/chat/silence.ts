// "Nobody has answered for a while": a hint for the one who wrote last. It looks only at who wrote when
// and whether anyone is typing, never at who a participant is, so it reads the same for a silent person
// and a silent AI and tells nothing about which is which.
import { useEffect, useState } from 'react';
import type { Message } from '../api/types';

export const SILENCE_MS = 90_000;

/** When the caller's latest message went unanswered, its time (ms); null when someone wrote after it. */
export function unansweredSince(messages: Message[], speakerIds: ReadonlySet<string>): number | null {
  for (let index = messages.length - 1; index >= 0; index--) {
    const message = messages[index]!;
    if (message.kind === 'system' || !message.personaId) continue;
    return speakerIds.has(message.personaId) ? new Date(message.createdAt).getTime() : null;
  }
  return null;
}

/** True once `since` is SILENCE_MS old and nobody is typing; re-renders by itself when that moment comes. */
export function useSilence(since: number | null, someoneTyping: boolean): boolean {
  const [now, setNow] = useState(() => Date.now());
  const due = since === null ? null : since + SILENCE_MS;
  useEffect(() => {
    if (due === null) return;
    const wait = due - Date.now();
    if (wait <= 0) {
      setNow(Date.now());
      return;
    }
    const timer = setTimeout(() => setNow(Date.now()), wait);
    return () => clearTimeout(timer);
  }, [due]);
  return due !== null && now >= due && !someoneTyping;
}
