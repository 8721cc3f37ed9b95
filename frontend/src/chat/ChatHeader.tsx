// The chat's compact header: back, the title and who is in it on one or two short lines, and a details
// panel with every participant by name, the topic, renaming and ending. Everyone sees the same controls.
import { type FormEvent, useId, useState } from 'react';
import { Link } from 'react-router-dom';
import type { Conversation } from '../api/types';
import { Avatar } from '../ui/Avatar';
import { ErrorNotice } from '../ui/ErrorNotice';
import { Icon } from '../ui/icons';

const TITLE_MAX = 120;

/** "Ada, Dex and 2 others": names first, so the header says who is here even on a phone. */
export function participantSummary(names: string[]): string {
  if (names.length <= 3) return names.join(', ');
  return `${names.slice(0, 2).join(', ')} and ${names.length - 2} others`;
}

export function ChatHeader({
  conversation,
  ownAiIds,
  onRename,
  onEnd,
}: {
  conversation: Conversation;
  /** The caller's own AI personas, labelled for their owner only. */
  ownAiIds: ReadonlySet<string>;
  onRename: (title: string) => Promise<void>;
  onEnd: () => void;
}) {
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const ended = conversation.status === 'ended';
  const names = conversation.participants.map((participant) =>
    participant.isMine && !ownAiIds.has(participant.personaId)
      ? `${participant.name} (you)`
      : participant.name,
  );

  return (
    <header className="chat__header">
      <div className="chat__bar">
        <Link to="/conversations" className="icon-button" aria-label="Back to conversations">
          <Icon name="back" size={22} />
        </Link>
        <div className="chat__heading">
          <h1 className="chat__title">
            {conversation.title}
            {ended && <span className="badge badge--muted">Ended</span>}
          </h1>
          <p className="chat__people">{participantSummary(names)}</p>
        </div>
        <button
          type="button"
          className="icon-button chat__details-toggle"
          aria-expanded={open}
          aria-controls={panelId}
          onClick={() => setOpen((value) => !value)}
        >
          <Icon name="people" size={22} />
          <span className="visually-hidden">Conversation details</span>
        </button>
      </div>
      <section id={panelId} className="chat__details" hidden={!open} aria-label="Conversation details">
        {conversation.topic && (
          <p className="chat__topic">
            <span className="muted">Topic: </span>
            {conversation.topic}
          </p>
        )}
        <h2 className="chat__details-heading">In this conversation</h2>
        <ul className="chat__participants">
          {conversation.participants.map((participant) => (
            <li key={participant.personaId}>
              <Avatar name={participant.name} url={participant.avatarUrl} size={32} />
              <span className="chat__participant-name">{participant.name}</span>
              {participant.isMine && (
                <span className="badge badge--muted">
                  {ownAiIds.has(participant.personaId) ? 'your AI' : 'you'}
                </span>
              )}
            </li>
          ))}
        </ul>
        <RenameForm title={conversation.title} onRename={onRename} />
        {!ended && (
          <button type="button" className="btn btn--danger-ghost btn--small" onClick={onEnd}>
            End conversation…
          </button>
        )}
      </section>
    </header>
  );
}

function RenameForm({ title, onRename }: { title: string; onRename: (title: string) => Promise<void> }) {
  const [value, setValue] = useState(title);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  const inputId = useId();
  const trimmed = value.trim();
  const problem = !trimmed
    ? 'Enter a title.'
    : trimmed.length > TITLE_MAX
      ? `At most ${TITLE_MAX} characters.`
      : null;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (problem || trimmed === title) return;
    setSaving(true);
    setError(null);
    setSaved(false);
    try {
      await onRename(trimmed);
      setSaved(true);
    } catch (err) {
      setError(err);
    } finally {
      setSaving(false);
    }
  };

  return (
    <form className="chat__rename" onSubmit={submit} noValidate aria-label="Rename conversation">
      <label htmlFor={inputId}>Title</label>
      <div className="inline-row">
        <input
          id={inputId}
          value={value}
          maxLength={TITLE_MAX + 20}
          aria-invalid={Boolean(problem) || undefined}
          onChange={(event) => {
            setValue(event.target.value);
            setSaved(false);
          }}
        />
        <button
          type="submit"
          className="btn btn--small"
          disabled={saving || Boolean(problem) || trimmed === title}
        >
          {saving ? 'Saving…' : 'Rename'}
        </button>
      </div>
      <p className={problem ? 'field__error' : 'field__hint'} role="status">
        {problem ?? (saved ? 'Title saved.' : '')}
      </p>
      {error != null && <ErrorNotice error={error} compact />}
    </form>
  );
}
