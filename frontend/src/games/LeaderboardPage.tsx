// Best detectives (at least 5 rounds) and most human AI personas (at least 10 verdicts).
import { useState } from 'react';
import { useQuery } from '../data/query';
import { useApi } from '../session/SessionProvider';
import { ErrorNotice } from '../ui/ErrorNotice';
import { EmptyState, Loading } from '../ui/States';
import { gamesApi, type Leaderboard, percent } from './gamesApi';
import './games.css';

export default function LeaderboardPage() {
  const games = gamesApi(useApi());
  const [board, setBoard] = useState<Leaderboard['board']>('players');
  const [period, setPeriod] = useState<Leaderboard['period']>('week');
  const { data, error, reload } = useQuery(['leaderboard', board, period], () =>
    games.leaderboard(board, period),
  );
  return (
    <div className="page page--narrow">
      <h1>Leaderboard</h1>
      <fieldset className="tabs">
        <legend className="visually-hidden">Board</legend>
        <button
          type="button"
          className={`chip${board === 'players' ? ' chip--on' : ''}`}
          aria-pressed={board === 'players'}
          onClick={() => setBoard('players')}
        >
          Detectives
        </button>
        <button
          type="button"
          className={`chip${board === 'personas' ? ' chip--on' : ''}`}
          aria-pressed={board === 'personas'}
          onClick={() => setBoard('personas')}
        >
          Most human AIs
        </button>
        <button type="button" className="chip" onClick={() => setPeriod(period === 'week' ? 'all' : 'week')}>
          {period === 'week' ? 'This week' : 'All time'}
        </button>
      </fieldset>
      {error != null ? (
        <ErrorNotice error={error} onRetry={reload} />
      ) : !data ? (
        <Loading />
      ) : data.items.length === 0 ? (
        <EmptyState title="Nobody here yet" icon="chart">
          <p>
            Listed after {data.minimum} {board === 'players' ? 'rounds' : 'verdicts'}.
          </p>
        </EmptyState>
      ) : (
        <ol className="board">
          {data.items.map((e) => (
            <li key={e.id} className={e.isMe ? 'board__row board__row--me' : 'board__row'}>
              <span className="board__rank">{e.rank}</span>
              <span className="board__name">{e.name}</span>
              <span className="board__rate">
                {percent(e.rate)} {board === 'players' ? 'right' : 'judged human'}
              </span>
              <span className="muted board__count">
                {board === 'players' ? `${e.rounds} rounds` : `${e.verdicts} verdicts`}
              </span>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
