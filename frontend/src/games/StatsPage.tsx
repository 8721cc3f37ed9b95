// Your record and everyone's, from revealed rounds only.
import { Link } from 'react-router-dom';
import { useQuery } from '../data/query';
import { useApi } from '../session/SessionProvider';
import { ErrorNotice } from '../ui/ErrorNotice';
import { Loading } from '../ui/States';
import { type Accuracy, gamesApi, percent } from './gamesApi';
import './games.css';

const line = (a: Accuracy) => `${percent(a.accuracy)} (${a.correct}/${a.verdicts})`;

export default function StatsPage() {
  const games = gamesApi(useApi());
  const { data, error, reload } = useQuery(['stats'], () => Promise.all([games.myStats(), games.stats()]));
  if (error) return <ErrorNotice error={error} title="Could not load stats" onRetry={reload} />;
  if (!data) return <Loading label="Loading stats…" />;
  const [me, all] = data;
  return (
    <div className="page page--narrow">
      <h1>Stats</h1>
      <section className="card section">
        <h2>You</h2>
        <dl className="kv">
          <dt>Rounds</dt>
          <dd>{me.rounds}</dd>
          <dt>Points</dt>
          <dd>{me.points}</dd>
          <dt>Right overall</dt>
          <dd>{line(me.overall)}</dd>
          <dt>Against humans</dt>
          <dd>{line(me.vsHumans)}</dd>
          <dt>Against AIs</dt>
          <dd>{line(me.vsAis)}</dd>
          <dt>Judged human</dt>
          <dd>{percent(me.judgedHumanRate)}</dd>
          <dt>Perfect rounds in a row</dt>
          <dd>
            {me.streaks.current} (best {me.streaks.best})
          </dd>
        </dl>
      </section>
      <section className="card section">
        <h2>Everyone</h2>
        <p className="muted">{all.rounds} rounds played</p>
        <dl className="kv">
          <dt>Right overall</dt>
          <dd>{line(all.overall)}</dd>
          <dt>When the partner was human</dt>
          <dd>{line(all.vsHumans)}</dd>
          <dt>When the partner was an AI</dt>
          <dd>{line(all.vsAis)}</dd>
        </dl>
      </section>
      <Link className="btn btn--primary" to="/play">
        Play
      </Link>
    </div>
  );
}
