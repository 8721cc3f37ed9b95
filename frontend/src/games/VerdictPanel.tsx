// One verdict per partner — human or AI — sent together; final once stored.
import { useState } from 'react';
import type { Participant } from '../api/types';
import { useApi } from '../session/SessionProvider';
import { ErrorNotice } from '../ui/ErrorNotice';
import { gamesApi, type Verdict } from './gamesApi';

export function VerdictPanel({
  conversationId,
  others,
  submitted,
  onVoted,
}: {
  conversationId: string;
  others: Participant[];
  submitted: boolean;
  onVoted: () => void;
}) {
  const games = gamesApi(useApi());
  const [verdicts, setVerdicts] = useState<Record<string, Verdict>>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  if (submitted) {
    return (
      <p className="verdicts__done" role="status">
        Verdicts in. The reveal comes when everyone has voted or time is up.
      </p>
    );
  }
  const complete = others.every((p) => verdicts[p.personaId]);
  const send = async () => {
    setBusy(true);
    setError(null);
    try {
      await games.vote(
        conversationId,
        others.map((p) => ({ personaId: p.personaId, verdict: verdicts[p.personaId]! })),
      );
      onVoted();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="verdicts" aria-labelledby="verdicts-heading">
      <h2 id="verdicts-heading">Human or AI?</h2>
      {others.map((p) => (
        <fieldset key={p.personaId} className="verdicts__row">
          <legend>{p.name}</legend>
          {(['human', 'ai'] as const).map((v) => (
            <button
              key={v}
              type="button"
              className={`chip${verdicts[p.personaId] === v ? ' chip--on' : ''}`}
              aria-pressed={verdicts[p.personaId] === v}
              onClick={() => setVerdicts((cur) => ({ ...cur, [p.personaId]: v }))}
            >
              {v === 'human' ? 'Human' : 'AI'}
            </button>
          ))}
        </fieldset>
      ))}
      {error != null && <ErrorNotice error={error} compact />}
      <button
        type="button"
        className="btn btn--primary"
        disabled={!complete || busy}
        onClick={() => void send()}
      >
        {busy ? 'Sending…' : 'Submit verdicts'}
      </button>
    </section>
  );
}
