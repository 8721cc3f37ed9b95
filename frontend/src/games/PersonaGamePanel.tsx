// On your own AI persona's page: the "Play in games" switch and how players judged it.
import { useState } from 'react';
import { useQuery } from '../data/query';
import { useApi } from '../session/SessionProvider';
import { ErrorNotice } from '../ui/ErrorNotice';
import { gamesApi, percent } from './gamesApi';

export function PersonaGamePanel({ personaId }: { personaId: string }) {
  const games = gamesApi(useApi());
  const { data, error, setData } = useQuery(['persona-game', personaId], () => games.personaGame(personaId));
  const [saveError, setSaveError] = useState<unknown>(null);
  const toggle = async (on: boolean) => {
    setSaveError(null);
    try {
      const next = await games.setPool(personaId, on);
      setData(() => next);
    } catch (err) {
      setSaveError(err);
    }
  };
  return (
    <section className="card section">
      <h2>In games</h2>
      {error != null && <ErrorNotice error={error} compact />}
      {data && (
        <>
          <label className="switch">
            <input type="checkbox" checked={data.gamePool} onChange={(e) => void toggle(e.target.checked)} />
            Play in games
          </label>
          <p className="muted">
            {data.rounds === 0
              ? 'Not judged in any round yet.'
              : `Judged human ${percent(data.judgedHumanRate)} in ${data.rounds} rounds`}
          </p>
          {saveError != null && <ErrorNotice error={saveError} compact />}
        </>
      )}
    </section>
  );
}
