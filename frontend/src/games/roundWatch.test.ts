import { makeConversation } from '../../test/fakeBackend';
import type { Round } from '../api/types';
import { GAME_SAFETY_NET_POLL_MS, ROUND_POLL_MS } from '../realtime/pace';
import { laterRound, roundPollDelay, withRound } from './roundWatch';

const T0 = Date.parse('2026-03-01T12:00:00.000Z');

function makeRound(overrides: Partial<Round> = {}): Round {
  return {
    format: 'duel',
    phase: 'live',
    startsAt: new Date(T0).toISOString(),
    endsAt: new Date(T0 + 120_000).toISOString(),
    votingClosesAt: new Date(T0 + 180_000).toISOString(),
    myVotesSubmitted: false,
    ...overrides,
  };
}

describe('a round event', () => {
  it('changes the phase shown: live → voting → revealed', () => {
    const live = makeConversation({ mode: 'game', round: makeRound() });
    const voting = withRound(live, makeRound({ phase: 'voting' }));
    expect(voting.round?.phase).toBe('voting');
    expect(voting.participants).toBe(live.participants);
    expect(withRound(voting, makeRound({ phase: 'revealed' })).round?.phase).toBe('revealed');
  });

  it('is never undone by an older view (a slow answer), and a stored vote stays stored', () => {
    const revealed = makeRound({ phase: 'revealed', myVotesSubmitted: true });
    expect(laterRound(revealed, makeRound({ phase: 'voting' }))).toBe(revealed);
    const voted = makeRound({ phase: 'voting', myVotesSubmitted: true });
    expect(laterRound(voted, makeRound({ phase: 'voting' })).myVotesSubmitted).toBe(true);
    const shown = makeConversation({ mode: 'game', round: revealed });
    expect(withRound(shown, makeRound())).toBe(shown);
  });
});

describe('reading a round again', () => {
  it('while the socket carries it: at endsAt and votingClosesAt, else no faster than every 15 s', () => {
    expect(GAME_SAFETY_NET_POLL_MS).toBeGreaterThanOrEqual(15_000);
    expect(roundPollDelay(makeRound(), T0, true)).toBe(GAME_SAFETY_NET_POLL_MS);
    expect(roundPollDelay(makeRound(), T0 + 115_000, true)).toBe(5_250);
    const voting = makeRound({ phase: 'voting' });
    expect(roundPollDelay(voting, T0 + 121_000, true)).toBe(GAME_SAFETY_NET_POLL_MS);
    expect(roundPollDelay(voting, T0 + 170_000, true)).toBe(10_250);
  });

  it('without the socket, or once a due time has passed, at the normal pace; never once revealed', () => {
    expect(roundPollDelay(makeRound(), T0, false)).toBe(ROUND_POLL_MS);
    expect(roundPollDelay(makeRound(), T0 + 121_000, true)).toBe(ROUND_POLL_MS);
    expect(roundPollDelay(makeRound({ phase: 'revealed' }), T0, true)).toBeNull();
  });
});
