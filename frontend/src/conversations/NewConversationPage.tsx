// Choose who: an optional title (written from the invited names when left empty), the persona you speak
// as (only asked when you have several), and 1–7 others to invite.
import { type FormEvent, useEffect, useMemo, useRef, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import type { Persona } from '../api/types';
import { useQuery } from '../data/query';
import { useApi, useMe, useSession } from '../session/SessionProvider';
import { Avatar } from '../ui/Avatar';
import { ErrorNotice } from '../ui/ErrorNotice';
import { Loading } from '../ui/States';
import { automaticTitle, ensureSpeaker } from './quickStart';

export const MAX_OTHERS = 7;
const TITLE_MAX = 120;

export default function NewConversationPage() {
  const api = useApi();
  const { me, loading, refresh } = useMe();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const invited = params.get('with');
  const myPersonas = me?.personas ?? [];
  // The API requires one of your own human personas; your AI personas can be invited like anyone else.
  const speakable = useMemo(() => myPersonas.filter((persona) => persona.kind !== 'ai'), [myPersonas]);
  const [title, setTitle] = useState('');
  const [topic, setTopic] = useState('');
  const [speakerId, setSpeakerId] = useState('');
  const [others, setOthers] = useState<string[]>(invited ? [invited] : []);
  const [names, setNames] = useState<Map<string, string>>(new Map());
  const [attempted, setAttempted] = useState(false);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const speaker = speakerId || speakable[0]?.id || '';
  const chosen = others.filter((id) => id !== speaker);
  // A persona invited from its profile may not be among the first search results; ask for its name.
  const invitedPersona = useQuery(invited ? ['persona', invited] : null, (signal) =>
    api.getPersona(invited ?? '', signal),
  );
  const nameOf = (id: string) =>
    names.get(id) ??
    (invitedPersona.data?.id === id ? invitedPersona.data.name : undefined) ??
    myPersonas.find((persona) => persona.id === id)?.name ??
    'someone';
  const suggestedTitle = automaticTitle(chosen.map(nameOf));

  const problems = {
    title: title.trim().length > TITLE_MAX ? `Keep the title to ${TITLE_MAX} characters.` : null,
    others:
      chosen.length === 0
        ? 'Invite at least one other persona.'
        : chosen.length > MAX_OTHERS
          ? `At most ${MAX_OTHERS} others.`
          : null,
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setAttempted(true);
    if (!me || problems.title || problems.others) return;
    setSaving(true);
    setError(null);
    try {
      // No persona of your own yet: one named after you is made on the way, instead of a detour.
      const speakerPersona = speaker || (await ensureSpeaker(api, me, refresh)).id;
      const created = await api.createConversation({
        title: title.trim() || suggestedTitle,
        topic: topic.trim() || undefined,
        participantPersonaIds: [speakerPersona, ...chosen],
      });
      navigate(`/conversations/${created.id}`);
    } catch (err) {
      setError(err);
    } finally {
      setSaving(false);
    }
  };

  if (loading && !me) return <Loading />;
  return (
    <div className="page page--narrow">
      <nav className="breadcrumbs" aria-label="Breadcrumb">
        <Link to="/conversations">Conversations</Link>
      </nav>
      <h1>New conversation</h1>
      <form className="form" onSubmit={submit} noValidate aria-label="New conversation">
        <InvitePicker
          selected={others}
          onChange={setOthers}
          onNames={(found) =>
            setNames((current) => {
              const next = new Map(current);
              for (const persona of found) next.set(persona.id, persona.name);
              return next;
            })
          }
          exclude={speaker}
          myPersonas={myPersonas}
          error={attempted ? problems.others : null}
        />
        <section className="form-section">
          <div className="form-section__body">
            <div className="field">
              <label htmlFor="conversation-title">Title (optional)</label>
              <input
                id="conversation-title"
                value={title}
                onChange={(event) => setTitle(event.target.value)}
                aria-invalid={Boolean(problems.title) || undefined}
                aria-describedby="conversation-title-note"
                placeholder={suggestedTitle}
              />
              <p id="conversation-title-note" className={problems.title ? 'field__error' : 'field__hint'}>
                {problems.title ?? 'Left empty, it is named after who joins. You can rename it in the chat.'}
              </p>
            </div>
            <div className="field">
              <label htmlFor="conversation-topic">Topic (optional)</label>
              <input
                id="conversation-topic"
                value={topic}
                onChange={(event) => setTopic(event.target.value)}
                placeholder="What should everyone talk about?"
              />
            </div>
            {speakable.length > 1 ? (
              <div className="field">
                <label htmlFor="speaker">You speak as</label>
                <select
                  id="speaker"
                  value={speaker}
                  onChange={(event) => setSpeakerId(event.target.value)}
                  aria-describedby="speaker-note"
                >
                  {speakable.map((persona) => (
                    <option key={persona.id} value={persona.id}>
                      {persona.name}
                    </option>
                  ))}
                </select>
                <p id="speaker-note" className="field__hint">
                  One of your own personas that you write for yourself.
                </p>
              </div>
            ) : (
              <p className="muted">
                You speak as <strong>{speakable[0]?.name ?? me?.user.displayName ?? 'yourself'}</strong>
                {speakable.length === 0 ? ' (a persona with your name is made for you).' : '.'}
              </p>
            )}
          </div>
        </section>
        {error != null && <ErrorNotice error={error} title="Could not start the conversation" />}
        <div className="form__actions">
          <Link className="btn btn--ghost" to="/conversations">
            Cancel
          </Link>
          <button type="submit" className="btn btn--primary" disabled={saving || !me}>
            {saving ? 'Starting…' : 'Start conversation'}
          </button>
        </div>
      </form>
    </div>
  );
}

function InvitePicker({
  selected,
  onChange,
  onNames,
  exclude,
  myPersonas,
  error,
}: {
  selected: string[];
  onChange: (next: string[]) => void;
  /** Personas seen in results, so the automatic title can name the chosen ones. */
  onNames: (personas: Persona[]) => void;
  exclude: string;
  myPersonas: Persona[];
  error: string | null;
}) {
  const { api } = useSession();
  const [query, setQuery] = useState('');
  const [search, setSearch] = useState('');
  // The last answer stays listed while the next search is on its way.
  const [results, setResults] = useState<Persona[]>([]);
  const [known, setKnown] = useState<Map<string, Persona>>(new Map());
  // Typing settles for a moment before it becomes a search.
  useEffect(() => {
    const timer = setTimeout(() => setSearch(query.trim()), 250);
    return () => clearTimeout(timer);
  }, [query]);
  const found = useQuery(['personas', search, 'invite'], (signal) =>
    api.listPersonas({ q: search || undefined, limit: 50 }, signal),
  );
  const loadError = found.error;
  // The parent passes a new closure every render; only new results should reach it.
  const onNamesRef = useRef(onNames);
  onNamesRef.current = onNames;
  useEffect(() => {
    if (!found.data) return;
    const items = found.data.items;
    setResults(items);
    onNamesRef.current(items);
    setKnown((current) => new Map([...current, ...items.map((persona) => [persona.id, persona] as const)]));
  }, [found.data]);

  const candidates = useMemo(() => {
    const byId = new Map<string, Persona>();
    const needle = query.trim().toLowerCase();
    for (const persona of myPersonas)
      if (!needle || persona.name.toLowerCase().includes(needle)) byId.set(persona.id, persona);
    for (const persona of results) byId.set(persona.id, persona);
    byId.delete(exclude);
    return [...byId.values()];
  }, [myPersonas, results, exclude, query]);

  const chosen = selected.filter((id) => id !== exclude);
  const lookup = (id: string) => myPersonas.find((persona) => persona.id === id) ?? known.get(id);
  const toggle = (id: string) =>
    onChange(selected.includes(id) ? selected.filter((entry) => entry !== id) : [...selected, id]);
  const full = chosen.length >= MAX_OTHERS;
  const mine = new Set(myPersonas.map((persona) => persona.id));

  return (
    <section className="form-section">
      <div className="form-section__head">
        <h2>Who joins</h2>
        <p className={error ? 'field__error' : 'muted'} id="invite-status" aria-live="polite">
          {error ?? `${chosen.length} of up to ${MAX_OTHERS} chosen`}
        </p>
      </div>
      <div className="form-section__body">
        <p className="muted">
          Some personas are played by people, some by AI — nobody here is labelled. Pick whoever sounds
          interesting, then guess.
        </p>
        {chosen.length > 0 && (
          <ul className="tag-list" aria-label="Invited">
            {chosen.map((id) => (
              <li key={id} className="tag tag--chosen">
                {lookup(id)?.name ?? 'Persona'}
                <button
                  type="button"
                  className="tag__remove"
                  aria-label={`Remove ${lookup(id)?.name ?? 'persona'}`}
                  onClick={() => toggle(id)}
                >
                  ×
                </button>
              </li>
            ))}
          </ul>
        )}
        <label className="visually-hidden" htmlFor="invite-search">
          Search personas to invite
        </label>
        <input
          id="invite-search"
          type="search"
          placeholder="Search personas to invite"
          value={query}
          onChange={(event) => setQuery(event.target.value)}
        />
        {loadError != null && <ErrorNotice error={loadError} compact />}
        <ul className="pick-list" aria-describedby="invite-status">
          {candidates.map((persona) => {
            const checked = selected.includes(persona.id);
            return (
              <li key={persona.id}>
                <label className={checked ? 'pick pick--on' : 'pick'}>
                  <input
                    type="checkbox"
                    checked={checked}
                    disabled={!checked && full}
                    onChange={() => toggle(persona.id)}
                  />
                  <Avatar name={persona.name} url={persona.avatarUrl} size={32} />
                  <span className="pick__text">
                    <span className="pick__name">
                      {persona.name}
                      {mine.has(persona.id) && (
                        <span className={`badge badge--${persona.kind ?? 'human'}`}>
                          {persona.kind === 'ai' ? 'Your AI' : 'Yours'}
                        </span>
                      )}
                    </span>
                    <span className="pick__description">{persona.description}</span>
                  </span>
                </label>
              </li>
            );
          })}
          {candidates.length === 0 && <li className="muted">No personas found.</li>}
        </ul>
      </div>
    </section>
  );
}
