// "Play": one tap queues you; while a partner is found the ticket is polled (which also runs matching),
// and a cancel button leaves the queue. Matched → the round.
import { useCallback, useEffect, useRef, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { useApi } from '../session/SessionProvider';
import { ErrorNotice } from '../ui/ErrorNotice';
import { type Format, gamesApi, type Ticket } from './gamesApi';
import './games.css';

const POLL_MS = 1500;

export default function PlayPage() {
  const api = useApi();
  const games = gamesApi(api);
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [ticket, setTicket] = useState<Ticket | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [format, setFormat] = useState<Format>(params.get('format') === 'group' ? 'group' : 'duel');
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const stopped = useRef(false);

  const follow = useCallback(
    (next: Ticket) => {
      setTicket(next);
      if (next.status === 'matched' && next.conversationId) navigate(`/play/${next.conversationId}`);
      else if (next.status === 'waiting' && !stopped.current) {
        timer.current = setTimeout(() => {
          gamesApi(api).poll().then(follow, setError);
        }, POLL_MS);
      }
    },
    [navigate, api],
  );

  useEffect(
    () => () => {
      stopped.current = true;
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );

  const play = async (chosen: Format) => {
    setError(null);
    stopped.current = false;
    try {
      follow(await games.join(chosen));
    } catch (err) {
      setError(err);
    }
  };

  const cancel = async () => {
    stopped.current = true;
    if (timer.current) clearTimeout(timer.current);
    try {
      const left = await games.leave();
      if (left.status === 'matched') follow(left);
      else setTicket(null);
    } catch (err) {
      setError(err);
    }
  };

  const waiting = ticket?.status === 'waiting';
  return (
    <div className="page page--narrow play">
      <h1>Am I an AI?</h1>
      <p className="muted">
        Chat with a stranger for two minutes. Then decide: human or AI? Some partners are people, some are AI
        personas — maybe built by another player.
      </p>
      {error != null && <ErrorNotice error={error} compact onRetry={() => setError(null)} />}
      {waiting ? (
        <section className="card play__finding" aria-live="polite">
          <div className="play__spinner" aria-hidden="true" />
          <h2>Finding a partner…</h2>
          <p className="muted">Usually a few seconds.</p>
          <button type="button" className="btn btn--ghost" onClick={() => void cancel()}>
            Cancel
          </button>
        </section>
      ) : (
        <section className="card play__start">
          <fieldset className="play__formats">
            <legend>Format</legend>
            <label>
              <input
                type="radio"
                name="format"
                checked={format === 'duel'}
                onChange={() => setFormat('duel')}
              />
              Duel — you and one partner, 2 min
            </label>
            <label>
              <input
                type="radio"
                name="format"
                checked={format === 'group'}
                onChange={() => setFormat('group')}
              />
              Group — four seats, 4 min
            </label>
          </fieldset>
          <button type="button" className="btn btn--primary play__go" onClick={() => void play(format)}>
            Play
          </button>
        </section>
      )}
      <p className="play__links">
        <Link to="/stats">Your stats</Link> · <Link to="/leaderboard">Leaderboard</Link>
      </p>
    </div>
  );
}
