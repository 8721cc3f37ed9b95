// Topic chips: type a topic and press Enter (or comma) to add it; each chip has a remove button.
import { type KeyboardEvent, useId, useState } from 'react';
import { LIMITS, validateKnowledgeItem } from './personaFields';

export function KnowledgeInput({
  value,
  onChange,
  error,
}: {
  value: string[];
  onChange: (next: string[]) => void;
  error?: string;
}) {
  const [draft, setDraft] = useState('');
  const [draftError, setDraftError] = useState<string | null>(null);
  const inputId = useId();
  const hintId = useId();

  const add = () => {
    const problem = validateKnowledgeItem(draft, value);
    if (problem) {
      if (draft.trim()) setDraftError(problem);
      return;
    }
    onChange([...value, draft.trim()]);
    setDraft('');
    setDraftError(null);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter' || event.key === ',') {
      event.preventDefault();
      add();
    } else if (event.key === 'Backspace' && !draft && value.length > 0) {
      onChange(value.slice(0, -1));
    }
  };

  const shown = draftError ?? error;
  return (
    <div className="field">
      <label htmlFor={inputId}>Knowledge</label>
      <div className={shown ? 'tag-input tag-input--invalid' : 'tag-input'}>
        {value.map((item) => (
          <span key={item} className="tag">
            {item}
            <button
              type="button"
              className="tag__remove"
              aria-label={`Remove ${item}`}
              onClick={() => onChange(value.filter((entry) => entry !== item))}
            >
              ×
            </button>
          </span>
        ))}
        <input
          id={inputId}
          value={draft}
          maxLength={LIMITS.knowledgeItem.max + 10}
          placeholder={value.length === 0 ? 'e.g. astronomy, jazz, cooking' : 'Add a topic'}
          aria-describedby={hintId}
          aria-invalid={Boolean(shown) || undefined}
          onChange={(event) => {
            setDraft(event.target.value);
            setDraftError(null);
          }}
          onKeyDown={onKeyDown}
          onBlur={() => draft.trim() && add()}
        />
      </div>
      <p id={hintId} className={shown ? 'field__error' : 'field__hint'}>
        {shown ??
          `Press Enter to add. Up to ${LIMITS.knowledgeItems} topics of ${LIMITS.knowledgeItem.max} characters. ${value.length}/${LIMITS.knowledgeItems}`}
      </p>
    </div>
  );
}
