// Create or edit a persona. Validates inline as you go (after the first attempt), shows the API's
// own 400 details on the fields they name, and explains version conflicts (409).
import { type FormEvent, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { ApiError } from '../api/client';
import type { Persona } from '../api/types';
import { useQuery, useQueryCache } from '../data/query';
import { useApi, useMe } from '../session/SessionProvider';
import { ErrorNotice, isNotFound } from '../ui/ErrorNotice';
import { Loading, StatusPage } from '../ui/States';
import { PersonaNotFound } from './PersonaDetailPage';
import { PersonaForm } from './PersonaForm';
import {
  emptyPersonaForm,
  type FieldErrors,
  fieldErrorsFromDetails,
  formFromPersona,
  type PersonaFormValues,
  personaInputFrom,
  validatePersona,
} from './personaFields';

export default function PersonaEditorPage() {
  const { personaId } = useParams();
  const api = useApi();
  const loaded = useQuery(personaId ? ['persona', personaId] : null, (signal) =>
    api.getPersona(personaId ?? '', signal),
  );
  const persona = loaded.data;
  const loadError = loaded.error;

  if (!personaId) return <PersonaEditor existing={null} />;
  if (isNotFound(loadError)) return <PersonaNotFound />;
  if (loadError) {
    return (
      <div className="page page--narrow">
        <ErrorNotice error={loadError} title="Could not load this persona" />
      </div>
    );
  }
  if (!persona) return <Loading label="Loading persona…" />;
  if (persona.version === undefined) {
    return (
      <StatusPage
        title="Not yours to edit"
        icon="lock"
        back={{ to: `/personas/${persona.id}`, label: `Back to ${persona.name}` }}
      >
        <p>Only the owner of this persona can change it.</p>
      </StatusPage>
    );
  }
  return (
    <PersonaEditor
      key={`${persona.id}-${persona.version}`}
      existing={persona}
      onReload={() => void loaded.reload()}
    />
  );
}

export function PersonaEditor({
  existing,
  onReload,
}: {
  existing: Persona | null;
  /** Loads the latest version after a conflict (the editor starts again from it). */
  onReload?: () => void;
}) {
  const api = useApi();
  const cache = useQueryCache();
  const { refresh } = useMe();
  const navigate = useNavigate();
  const [values, setValues] = useState<PersonaFormValues>(() =>
    existing ? formFromPersona(existing) : emptyPersonaForm(),
  );
  const [attempted, setAttempted] = useState(false);
  const [serverErrors, setServerErrors] = useState<FieldErrors>({});
  const [saveError, setSaveError] = useState<unknown>(null);
  const [conflict, setConflict] = useState(false);
  const [saving, setSaving] = useState(false);

  const localErrors = validatePersona(values);
  // Inline errors appear once you tried to save, or as soon as a field exceeds its limit.
  const shownErrors: FieldErrors = { ...serverErrors };
  for (const [field, message] of Object.entries(localErrors)) {
    if (
      attempted ||
      message?.startsWith('Keep') ||
      message?.startsWith('Must') ||
      message?.startsWith('At most')
    )
      shownErrors[field] = message;
  }

  const change = (next: PersonaFormValues) => {
    setValues(next);
    setServerErrors({});
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setAttempted(true);
    setSaveError(null);
    setConflict(false);
    if (Object.keys(localErrors).length > 0) {
      document.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
      return;
    }
    setSaving(true);
    try {
      const input = personaInputFrom(values);
      let saved: Persona;
      if (existing) {
        // Kind is fixed after creation, and the update schema takes AI settings only for AI personas.
        const { kind: _kind, ai, ...changes } = input;
        saved = await api.updatePersona(existing.id, {
          ...changes,
          ...(ai ? { ai } : {}),
          avatarUrl: input.avatarUrl ?? null,
          version: existing.version ?? 0,
        });
      } else {
        saved = await api.createPersona(input);
      }
      // The profile shows what was saved at once; lists and /api/me ask again.
      cache.setQueryData(['persona', saved.id], saved);
      void cache.invalidate(['personas']);
      await refresh();
      navigate(`/personas/${saved.id}`, {
        state: { flash: existing ? 'Persona saved.' : 'Persona created.' },
      });
    } catch (error) {
      if (error instanceof ApiError && error.status === 400) {
        const { fields, other } = fieldErrorsFromDetails(error.details);
        setServerErrors(fields);
        if (other.length > 0 || Object.keys(fields).length === 0) setSaveError(error);
      } else if (error instanceof ApiError && error.status === 409) {
        setConflict(true);
        setSaveError(error);
      } else {
        setSaveError(error);
      }
    } finally {
      setSaving(false);
    }
  };

  const reloadLatest = () => onReload?.();

  const serverDetails =
    saveError instanceof ApiError && saveError.status === 400
      ? fieldErrorsFromDetails(saveError.details).other
      : [];

  return (
    <div className="page page--narrow">
      <nav className="breadcrumbs" aria-label="Breadcrumb">
        <Link to="/personas">Personas</Link>
        {existing && (
          <>
            <span aria-hidden="true"> / </span>
            <Link to={`/personas/${existing.id}`}>{existing.name}</Link>
          </>
        )}
      </nav>
      <h1>{existing ? `Edit ${existing.name}` : 'New persona'}</h1>
      <form
        className="form"
        onSubmit={submit}
        noValidate
        aria-label={existing ? 'Edit persona' : 'New persona'}
      >
        <PersonaForm values={values} errors={shownErrors} onChange={change} kindLocked={Boolean(existing)} />
        {conflict ? (
          <div className="notice notice--warning" role="alert">
            <div className="notice__body">
              <strong className="notice__title">Someone changed this persona while you were editing.</strong>
              <span className="notice__message">Load the latest version and apply your changes again.</span>
              {saveError instanceof ApiError && saveError.requestId && (
                <span className="notice__meta">
                  Request id <code>{saveError.requestId}</code>
                </span>
              )}
            </div>
            <button type="button" className="btn btn--small" onClick={reloadLatest}>
              Load latest
            </button>
          </div>
        ) : (
          saveError != null && (
            <div>
              <ErrorNotice error={saveError} title="Could not save" />
              {serverDetails.length > 0 && (
                <ul className="error-details">
                  {serverDetails.map((detail) => (
                    <li key={detail}>{detail}</li>
                  ))}
                </ul>
              )}
            </div>
          )
        )}
        <div className="form__actions">
          <Link className="btn btn--ghost" to={existing ? `/personas/${existing.id}` : '/personas'}>
            Cancel
          </Link>
          <button type="submit" className="btn btn--primary" disabled={saving}>
            {saving ? 'Saving…' : existing ? 'Save changes' : 'Create persona'}
          </button>
        </div>
      </form>
    </div>
  );
}
