// Labelled input with hint, error and optional character counter, wired for screen readers.
import { type ReactNode, useId } from 'react';

export function Field({
  label,
  error,
  hint,
  count,
  max,
  children,
}: {
  label: string;
  error?: string;
  hint?: ReactNode;
  count?: number;
  max?: number;
  children: (props: { id: string; 'aria-describedby'?: string; 'aria-invalid'?: boolean }) => ReactNode;
}) {
  const id = useId();
  const noteId = useId();
  const hasNote = Boolean(error || hint || max);
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children({
        id,
        'aria-describedby': hasNote ? noteId : undefined,
        'aria-invalid': error ? true : undefined,
      })}
      {hasNote && (
        <p id={noteId} className={error ? 'field__error' : 'field__hint'}>
          <span>{error ?? hint}</span>
          {max !== undefined && count !== undefined && (
            <span className={count > max ? 'field__count field__count--over' : 'field__count'}>
              {count}/{max}
            </span>
          )}
        </p>
      )}
    </div>
  );
}
