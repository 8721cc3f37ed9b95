// "Ada is typing…" with animated dots; announced politely to screen readers.
import type { TypingEntry } from '../api/types';

export function typingText(entries: TypingEntry[]): string {
  const names = entries.map((entry) => entry.name);
  if (names.length === 0) return '';
  if (names.length === 1) return `${names[0]} is typing…`;
  if (names.length === 2) return `${names[0]} and ${names[1]} are typing…`;
  return `${names[0]}, ${names[1]} and ${names.length - 2} more are typing…`;
}

export function TypingIndicator({ entries }: { entries: TypingEntry[] }) {
  const text = typingText(entries);
  return (
    <div className="typing" aria-live="polite" data-testid="typing-indicator">
      {text && (
        <>
          <span className="typing__dots" aria-hidden="true">
            <span />
            <span />
            <span />
          </span>
          <span>{text}</span>
        </>
      )}
    </div>
  );
}
