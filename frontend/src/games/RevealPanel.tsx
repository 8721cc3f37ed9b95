// The reveal: what each participant was, whether you were right, your points, how you were judged.
import { Link } from 'react-router-dom';
import { useQuery } from '../data/query';
import { useApi } from '../session/SessionProvider';
import { ErrorNotice } from '../ui/ErrorNotice';
import { Loading } from '../ui/States';
import { type Format, gamesApi } from './gamesApi';

export function RevealPanel({ conversationId, format }: { conversationId: string; format: Format }) {
  const games = gamesApi(useApi());
  const { data, error, reload } = useQuery(['round-result', conversationId], () =>
    games.result(conversationId),
  );
  if (error) return <ErrorNotice error={error} title="Could not load the result" onRetry={reload} />;
  if (!data) return <Loading label="Revealing…" />;
  const mineOf = new Map(data.myVotes.map((v) => [v.personaId, v]));
  return (
    <section className="reveal page page--narrow" aria-labelledby="reveal-heading">
      <h2 id="reveal-heading">
        You scored {data.score.points} {data.score.points === 1 ? 'point' : 'points'}
      </h2>
      <p className="muted">
        {data.score.correct} of {data.score.total} verdicts right
        {data.judgedAs.human + data.judgedAs.ai > 0 &&
          ` · judged human by ${data.judgedAs.human} of ${data.judgedAs.human + data.judgedAs.ai}`}
      </p>
      <ul className="reveal__list">
        {data.participants
          .filter((p) => !p.isMine)
          .map((p) => {
            const mine = mineOf.get(p.personaId);
            return (
              <li key={p.personaId} className="reveal__row" data-kind={p.kind}>
                <strong>{p.name}</strong>
                <span className={`badge badge--${p.kind}`}>{p.kind === 'ai' ? 'AI' : 'Human'}</span>
                <span className={mine?.correct ? 'reveal__right' : 'reveal__wrong'}>
                  {mine ? (mine.correct ? '✓ you were right' : '✗ you were wrong') : 'no verdict'}
                </span>
              </li>
            );
          })}
      </ul>
      <Link className="btn btn--primary" to={`/play?format=${format}`}>
        Play again
      </Link>
    </section>
  );
}
