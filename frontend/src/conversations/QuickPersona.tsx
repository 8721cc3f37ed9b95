// Everyone needs a persona to speak as; this creates a plain human one without leaving the page.
import { type FormEvent, useState } from 'react';
import type { Persona } from '../api/types';
import { emptyPersonaForm, LIMITS, personaInputFrom } from '../personas/personaForm';
import { useApi, useMe, useSession } from '../session/SessionProvider';
import { ErrorNotice } from '../ui/ErrorNotice';

export function QuickPersona({ onCreated }: { onCreated: (persona: Persona) => void }) {
  const api = useApi();
  const { user } = useSession();
  const { refresh } = useMe();
  const [name, setName] = useState(user?.displayName ?? '');
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const trimmed = name.trim();
  const invalid = trimmed.length < LIMITS.name.min || trimmed.length > LIMITS.name.max;

  const create = async (event?: FormEvent) => {
    event?.preventDefault();
    if (invalid) return;
    setSaving(true);
    setError(null);
    try {
      const persona = await api.createPersona(
        personaInputFrom({
          ...emptyPersonaForm(),
          name: trimmed,
          description: 'Just me.',
          visibility: 'private',
        }),
      );
      await refresh();
      onCreated(persona);
    } catch (err) {
      setError(err);
    } finally {
      setSaving(false);
    }
  };

  return (
    <div className="quick-persona">
      <p>You need a persona of your own to speak as. Create a simple one now (you can edit it later):</p>
      <div className="field field--inline">
        <label htmlFor="quick-persona-name">Your persona's name</label>
        <div className="inline-row">
          <input
            id="quick-persona-name"
            value={name}
            maxLength={LIMITS.name.max}
            onChange={(event) => setName(event.target.value)}
            onKeyDown={(event) => {
              if (event.key === 'Enter') void create(event);
            }}
          />
          <button type="button" className="btn" onClick={() => void create()} disabled={saving || invalid}>
            {saving ? 'Creating…' : 'Create'}
          </button>
        </div>
      </div>
      {error != null && <ErrorNotice error={error} compact />}
    </div>
  );
}
