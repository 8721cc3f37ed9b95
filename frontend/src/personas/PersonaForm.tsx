// The persona fields, grouped: basics, personality, knowledge and style, and AI settings for AI personas.
import type { ReactNode } from 'react';
import { Field } from './Field';
import { KnowledgeInput } from './KnowledgeInput';
import {
  type AiFormValues,
  type FieldErrors,
  LIMITS,
  MODEL_SUGGESTIONS,
  type PersonaFormValues,
  STYLE_SUGGESTIONS,
  TRAITS,
} from './personaFields';

// The AI settings entered as numbers, with the API's limits (the server checks them too).
const AI_NUMBER_FIELDS: Array<{
  key: 'temperature' | 'maxTokens' | 'typingWpm' | 'talkativeness';
  label: string;
  hint: string;
  step: string;
  min: number;
  max: number;
}> = [
  {
    key: 'temperature',
    label: 'Temperature',
    hint: '0 = predictable, 2 = wild',
    step: '0.1',
    min: 0,
    max: 2,
  },
  { key: 'maxTokens', label: 'Max tokens', hint: '16–2000 per reply', step: '1', min: 16, max: 2000 },
  {
    key: 'typingWpm',
    label: 'Typing speed (words per minute)',
    hint: '10–200; humans type about 40',
    step: '1',
    min: 10,
    max: 200,
  },
  {
    key: 'talkativeness',
    label: 'Talkativeness',
    hint: '0–1: how often it joins in unprompted',
    step: '0.05',
    min: 0,
    max: 1,
  },
];

export function PersonaForm({
  values,
  errors,
  onChange,
  kindLocked,
}: {
  values: PersonaFormValues;
  errors: FieldErrors;
  onChange: (next: PersonaFormValues) => void;
  kindLocked: boolean;
}) {
  const set = <K extends keyof PersonaFormValues>(key: K, value: PersonaFormValues[K]) =>
    onChange({ ...values, [key]: value });
  const setAi = (key: keyof AiFormValues, value: string) =>
    onChange({ ...values, ai: { ...values.ai, [key]: value } });
  const traitErrors = TRAITS.some((trait) => errors[`traits.${trait}`]);

  return (
    <>
      <Section title="Basics">
        <Field label="Name" error={errors.name} count={values.name.trim().length} max={LIMITS.name.max}>
          {(props) => (
            <input
              {...props}
              value={values.name}
              onChange={(event) => set('name', event.target.value)}
              autoComplete="off"
            />
          )}
        </Field>
        <fieldset className="field segmented" disabled={kindLocked}>
          <legend>Who plays this persona?</legend>
          <label
            className={
              values.kind === 'human' ? 'segmented__option segmented__option--on' : 'segmented__option'
            }
          >
            <input
              type="radio"
              name="kind"
              value="human"
              checked={values.kind === 'human'}
              onChange={() => set('kind', 'human')}
            />
            <span>
              <strong>You</strong>
              <small>You write its messages yourself</small>
            </span>
          </label>
          <label
            className={values.kind === 'ai' ? 'segmented__option segmented__option--on' : 'segmented__option'}
          >
            <input
              type="radio"
              name="kind"
              value="ai"
              checked={values.kind === 'ai'}
              onChange={() => set('kind', 'ai')}
            />
            <span>
              <strong>AI</strong>
              <small>A model answers in its voice</small>
            </span>
          </label>
          {kindLocked && <p className="field__hint">The kind is fixed once a persona exists.</p>}
        </fieldset>
        <Field
          label="Description"
          error={errors.description}
          count={values.description.length}
          max={LIMITS.description.max}
        >
          {(props) => (
            <textarea
              {...props}
              rows={3}
              value={values.description}
              onChange={(event) => set('description', event.target.value)}
            />
          )}
        </Field>
        <Field
          label="Avatar image URL (optional)"
          error={errors.avatarUrl}
          hint="An https:// image; initials are used otherwise."
        >
          {(props) => (
            <input
              {...props}
              type="url"
              inputMode="url"
              value={values.avatarUrl}
              onChange={(event) => set('avatarUrl', event.target.value)}
            />
          )}
        </Field>
        <Field label="Visibility" error={errors.visibility} hint="Public personas can be invited by anyone.">
          {(props) => (
            <select
              {...props}
              value={values.visibility}
              onChange={(event) => set('visibility', event.target.value as PersonaFormValues['visibility'])}
            >
              <option value="public">Public</option>
              <option value="private">Private</option>
            </select>
          )}
        </Field>
      </Section>

      <Section title="Personality">
        <Field label="Summary" error={errors.summary} count={values.summary.length} max={LIMITS.summary.max}>
          {(props) => (
            <textarea
              {...props}
              rows={2}
              placeholder="Warm, curious, a little sarcastic…"
              value={values.summary}
              onChange={(event) => set('summary', event.target.value)}
            />
          )}
        </Field>
        {/* The five sliders are for fine-tuning; a new persona reads fine with the defaults. */}
        <details className="traits-disclosure" open={traitErrors || undefined}>
          <summary>Fine-tune personality traits (optional)</summary>
          <div className="traits">
            {TRAITS.map((trait) => (
              <Field
                key={trait}
                label={`${trait[0]!.toUpperCase()}${trait.slice(1)}: ${values.traits[trait]}`}
                error={errors[`traits.${trait}`]}
              >
                {(props) => (
                  <input
                    {...props}
                    type="range"
                    min={LIMITS.trait.min}
                    max={LIMITS.trait.max}
                    value={values.traits[trait]}
                    onChange={(event) =>
                      set('traits', { ...values.traits, [trait]: Number(event.target.value) })
                    }
                  />
                )}
              </Field>
            ))}
          </div>
        </details>
      </Section>

      <Section title="Knowledge and style">
        <KnowledgeInput
          value={values.knowledge}
          onChange={(next) => set('knowledge', next)}
          error={errors.knowledge}
        />
        <Field
          label="Communication style"
          error={errors.communicationStyle}
          hint="How it writes: casual, formal, technical…"
        >
          {(props) => (
            <>
              <input
                {...props}
                list="style-suggestions"
                value={values.communicationStyle}
                onChange={(event) => set('communicationStyle', event.target.value)}
              />
              <datalist id="style-suggestions">
                {STYLE_SUGGESTIONS.map((style) => (
                  <option key={style} value={style} />
                ))}
              </datalist>
            </>
          )}
        </Field>
      </Section>

      {values.kind === 'ai' && (
        <Section title="AI settings" note="Only you (and admins) ever see these.">
          <div className="grid-2">
            <Field label="Model" error={errors['ai.model']}>
              {(props) => (
                <>
                  <input
                    {...props}
                    list="model-suggestions"
                    value={values.ai.model}
                    onChange={(event) => setAi('model', event.target.value)}
                  />
                  <datalist id="model-suggestions">
                    {MODEL_SUGGESTIONS.map((model) => (
                      <option key={model} value={model} />
                    ))}
                  </datalist>
                </>
              )}
            </Field>
            {AI_NUMBER_FIELDS.map((f) => (
              <Field key={f.key} label={f.label} error={errors[`ai.${f.key}`]} hint={f.hint}>
                {(props) => (
                  <input
                    {...props}
                    type="number"
                    step={f.step}
                    min={f.min}
                    max={f.max}
                    value={values.ai[f.key]}
                    onChange={(event) => setAi(f.key, event.target.value)}
                  />
                )}
              </Field>
            ))}
          </div>
          <Field
            label="System prompt (optional)"
            error={errors['ai.systemPrompt']}
            hint="Leave empty to build one from the personality, knowledge and style."
            count={values.ai.systemPrompt.length}
            max={LIMITS.systemPrompt.max}
          >
            {(props) => (
              <textarea
                {...props}
                rows={5}
                value={values.ai.systemPrompt}
                onChange={(event) => setAi('systemPrompt', event.target.value)}
              />
            )}
          </Field>
        </Section>
      )}
    </>
  );
}

function Section({ title, note, children }: { title: string; note?: string; children: ReactNode }) {
  return (
    <section className="form-section">
      <div className="form-section__head">
        <h2>{title}</h2>
        {note && <p className="muted">{note}</p>}
      </div>
      <div className="form-section__body">{children}</div>
    </section>
  );
}
