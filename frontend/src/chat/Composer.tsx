// Message box: Enter sends, Shift+Enter adds a line, a counter near the limit, and a clear reason
// when sending is not possible.
import { type FormEvent, type KeyboardEvent, useId, useLayoutEffect, useRef, useState } from 'react';

export const MAX_MESSAGE_LENGTH = 4000;
const COUNTER_FROM = MAX_MESSAGE_LENGTH - 500;

export interface ComposerPersona {
  id: string;
  name: string;
}

export function Composer({
  personas,
  disabledReason,
  onSend,
  onTyping,
}: {
  /** Personas the caller can speak as; the first is the default. */
  personas: ComposerPersona[];
  /** When set, the composer is disabled and says why. */
  disabledReason?: string | null;
  onSend: (persona: ComposerPersona, content: string) => void;
  onTyping?: (persona: ComposerPersona) => void;
}) {
  const [text, setText] = useState('');
  const [personaId, setPersonaId] = useState(personas[0]?.id ?? '');
  const textareaRef = useRef<HTMLTextAreaElement>(null);
  const inputId = useId();
  const counterId = useId();
  const persona = personas.find((candidate) => candidate.id === personaId) ?? personas[0];
  const disabled = Boolean(disabledReason) || !persona;
  const length = text.length;
  const tooLong = length > MAX_MESSAGE_LENGTH;
  const canSend = !disabled && text.trim().length > 0 && !tooLong;

  // Grow with the text up to a few lines, then scroll inside the box.
  // biome-ignore lint/correctness/useExhaustiveDependencies: the box is measured again whenever the text changes
  useLayoutEffect(() => {
    const element = textareaRef.current;
    if (!element) return;
    element.style.height = 'auto';
    element.style.height = `${Math.min(element.scrollHeight, 200)}px`;
  }, [text]);

  const submit = () => {
    if (!canSend || !persona) return;
    onSend(persona, text.trim());
    setText('');
    textareaRef.current?.focus();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    // isComposing: Enter confirms an IME candidate rather than sending.
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      submit();
    }
  };

  return (
    <form
      className="composer"
      aria-label="Send a message"
      onSubmit={(event: FormEvent) => {
        event.preventDefault();
        submit();
      }}
    >
      {personas.length > 1 && (
        <label className="composer__as">
          <span>Speak as</span>
          <select
            value={persona?.id ?? ''}
            onChange={(event) => setPersonaId(event.target.value)}
            disabled={disabled}
          >
            {personas.map((option) => (
              <option key={option.id} value={option.id}>
                {option.name}
              </option>
            ))}
          </select>
        </label>
      )}
      <div className="composer__row">
        <label htmlFor={inputId} className="visually-hidden">
          Message
        </label>
        <textarea
          id={inputId}
          ref={textareaRef}
          className="composer__input"
          rows={1}
          value={text}
          disabled={disabled}
          placeholder={disabledReason ?? (persona ? `Message as ${persona.name}…` : 'Message')}
          aria-describedby={counterId}
          aria-invalid={tooLong || undefined}
          onChange={(event) => {
            setText(event.target.value);
            if (persona && event.target.value.trim()) onTyping?.(persona);
          }}
          onKeyDown={onKeyDown}
        />
        <button
          type="submit"
          className="btn btn--primary composer__send"
          disabled={!canSend}
          aria-label="Send"
        >
          <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true">
            <path d="M3.4 20.4 21 12 3.4 3.6 3.4 10l12.6 2-12.6 2z" fill="currentColor" />
          </svg>
        </button>
      </div>
      <div className="composer__hint">
        <span>{disabledReason ? '' : 'Enter to send · Shift+Enter for a new line'}</span>
        <span
          id={counterId}
          className={
            tooLong
              ? 'composer__counter composer__counter--over'
              : length >= COUNTER_FROM
                ? 'composer__counter composer__counter--near'
                : 'composer__counter'
          }
          aria-live={length >= COUNTER_FROM ? 'polite' : 'off'}
        >
          {length > 0 ? `${length} / ${MAX_MESSAGE_LENGTH}` : ''}
        </span>
      </div>
    </form>
  );
}
