// "Play": one tap queues you; while a partner is found the ticket is followed (pushed when the socket is up,
// polled at its due tick, which also runs matching), and a cancel button leaves the queue. Matched → the round.
import { useEffect, useRef, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { useRealtime } from '../realtime/RealtimeProvider';
import { useApi } from '../session/SessionProvider';
import { ErrorNotice } from '../ui/ErrorNotice';
import { type Format, gamesApi, type Ticket } from './gamesApi';
import { laterTicket, roundPathOf, watchTicket } from './ticketWatch';
import './games.css';

export default function PlayPage() {
  const api = useApi();
  const games = gamesApi(api);
  const socket = useRealtime();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [ticket, setTicket] = useState<Ticket | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [format, setFormat] = useState<Format>(params.get('format') === 'group' ? 'group' : 'duel');
  const ticketRef = useRef(ticket);
  ticketRef.current = ticket;

  // A ticket pushed before the join's own answer is in (a partner's request matched it meanwhile).
  const pushed = useRef<Ticket | null>(null);
  useEffect(
    () =>
      socket?.onTicket((next) => {
        pushed.current = next;
      }),
    [socket],
  );

  const waitingId = ticket?.status === 'waiting' ? ticket.id : null;
  // Follows the waiting ticket (read from its ref: a newer view of the same ticket keeps the watcher).
  useEffect(() => {
    const waiting = ticketRef.current;
    if (!waitingId || !waiting) return;
    return watchTicket(waiting, {
      poll: () => gamesApi(api).poll(),
      socket,
      onChange: setTicket,
      onError: setError,
    });
  }, [waitingId, socket, api]);

  const roundPath = roundPathOf(ticket);
  useEffect(() => {
    if (roundPath) navigate(roundPath);
  }, [roundPath, navigate]);

  const play = async (chosen: Format) => {
    setError(null);
    try {
      const joined = await games.join(chosen);
      setTicket(pushed.current ? laterTicket(joined, pushed.current) : joined);
    } catch (err) {
      setError(err);
    }
  };

  const cancel = async () => {
    // Stops following at once; a match that happened meanwhile still takes the player to the round.
    setTicket(null);
    try {
      const left = await games.leave();
      if (left.status === 'matched') setTicket(left);
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
